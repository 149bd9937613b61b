/**
 * The minutes document in the library: one new version per publish, then its columns.
 *
 * Upload: the item is read by path first; the PUT is conditional on what was read (If-Match its
 * eTag, or `conflictBehavior=fail` when there was none) and marked not safe to repeat, so neither
 * our retries nor a lost answer can add a second version. The eTag read is kept with the pending
 * record: when the outcome is in doubt, the item is read again, and an eTag that moved on since
 * (or an item that appeared) is our version. A 412/409 means someone else wrote in between: read
 * again and upload on top.
 *
 * Whose file it is: the path is read, and only an item this meeting's ledger knows (an earlier
 * publish made it, or this run's creation is in doubt and the item appeared) gets a version. Any
 * other file at the path (another meeting's, a person's) is never written over: the step stops
 * with `document_path_taken`. A document deleted or moved since is uploaded anew at the path.
 *
 * Columns: SharePoint records a version for a change of columns too, so a PATCH whose outcome is
 * in doubt is not repeated blindly: the fields are read back and compared first. A document gone
 * (404) sends the upload round again.
 *
 * Permissions: delegated Sites.ReadWrite.All, or application Sites.Selected (write on the site).
 */
import { DOCX_CONTENT_TYPE, parseDriveItem, SIMPLE_UPLOAD_LIMIT } from '../graph/drive';
import { parseValue, record } from '../graph/parse';
import type { DocumentColumnsStep, DocumentUploadStep } from './PublishPlan';
import {
  answerOf,
  bodyOf,
  encode,
  isGone,
  needResult,
  StepRefusal,
  textOf,
  type StepDriver,
  type StepResult,
} from './stepDriver';

const itemByPath = (step: DocumentUploadStep) =>
  `/drives/${encode(step.driveId)}/root:/${step.path.map(encode).join('/')}:`;

export const documentUploadDriver: StepDriver<DocumentUploadStep> = {
  reads: (step) => [
    {
      id: `item:${step.key}`,
      identity: step.identity,
      request: { method: 'GET', url: itemByPath(step) },
    },
  ],

  async decide(step, state, answers, ctx) {
    const answer = answerOf(answers, `item:${step.key}`);
    if (!answer.ok && answer.error.status !== 404) return { kind: 'fail', error: answer.error };
    const current = answer.ok
      ? parseValue(answer.body, `GET ${step.path.join('/')}`, parseDriveItem)
      : null;
    const kept = state.record?.result ?? null;
    const sentBefore = kept !== null && 'baseEtag' in kept;
    // Our creation may have gone through: an item that appeared at the path since is ours.
    const createInDoubt = state.inDoubt && sentBefore && textOf(kept.baseEtag) === null;
    const ours = new Set(
      [step.existingItemId, textOf(kept?.itemId), textOf(kept?.baseItemId)].filter(
        (id): id is string => id !== null,
      ),
    );
    if (current && !ours.has(current.id) && !createInDoubt) {
      return {
        kind: 'fail',
        error: new StepRefusal(
          'document_path_taken',
          `${step.path.join('/')} is a file this meeting did not publish, so Minutebook will not write over it. Move or rename that file in SharePoint (or change the committee's library folder), then publish again.`,
        ),
      };
    }
    // This run's own upload in doubt: an eTag that moved on (or an item that appeared) is it. An
    // earlier run's is not this run's content: a new version goes on top.
    if (state.inDoubt && !state.inherited && sentBefore && current) {
      const base = textOf(kept.baseEtag);
      if (base === null || current.eTag !== base) {
        return { kind: 'done', result: documentResult(step, current) };
      }
    }
    const bytes = await ctx.docx();
    const base = current?.eTag ?? null;
    return {
      kind: 'write',
      write: {
        identity: step.identity,
        pending: { baseEtag: base, baseItemId: current?.id ?? null },
        async direct(client) {
          if (bytes.byteLength > SIMPLE_UPLOAD_LIMIT) {
            // Above 4 MB: an upload session (not conditional; see docs/publishing.md).
            const item = await ctx.graph.gateway.drive.uploadMinutes({
              driveId: step.driveId,
              folder: step.path.slice(0, -2).join('/'),
              year: step.path[step.path.length - 2] ?? '',
              fileName: step.path[step.path.length - 1] ?? 'minutes.docx',
              bytes,
            });
            return documentResult(step, item);
          }
          const response = await client.send({
            method: 'PUT',
            url: `${itemByPath(step)}/content${base ? '' : '?@microsoft.graph.conflictBehavior=fail'}`,
            headers: { 'Content-Type': DOCX_CONTENT_TYPE, ...(base ? { 'If-Match': base } : {}) },
            body: bytes,
            idempotent: false,
          });
          return documentResult(step, parseValue(response.body, response.label, parseDriveItem));
        },
      },
    };
  },

  // Someone wrote (412, 409) or deleted (404) the file in between: read it again.
  onError: (_step, _state, error) =>
    error.status === 412 || error.status === 409 || error.status === 404 ? 'stale' : 'failed',
  verify: (step, result) => {
    const itemId = textOf(result.itemId);
    return itemId
      ? { method: 'GET', url: `/drives/${encode(step.driveId)}/items/${encode(itemId)}` }
      : null;
  },
};

function documentResult(
  step: DocumentUploadStep,
  item: { id: string; webUrl: string | null; eTag: string | null; size: number | null },
): StepResult {
  return {
    driveId: step.driveId,
    path: step.path,
    itemId: item.id,
    webUrl: item.webUrl,
    eTag: item.eTag,
    size: item.size,
  };
}

const fieldsUrl = (step: DocumentColumnsStep, itemId: string) =>
  `/drives/${encode(step.driveId)}/items/${encode(itemId)}/listItem/fields`;

export const documentColumnsDriver: StepDriver<DocumentColumnsStep> = {
  reads(step, state, ctx) {
    if (!state.inDoubt) return [];
    const itemId = needResult(ctx, step.documentKey, 'itemId');
    return [
      {
        id: `fields:${step.key}`,
        identity: step.identity,
        request: { method: 'GET', url: fieldsUrl(step, itemId) },
      },
    ];
  },

  async decide(step, state, answers, ctx) {
    const itemId = needResult(ctx, step.documentKey, 'itemId');
    if (state.inDoubt) {
      if (isGone(answerOf(answers, `fields:${step.key}`))) return { kind: 'reopen' };
      const now = record(bodyOf(answers, `fields:${step.key}`), 'fieldValueSet');
      if (Object.entries(step.fields).every(([name, value]) => sameValue(now[name], value))) {
        return { kind: 'done', result: { fields: step.fields } };
      }
    }
    return {
      kind: 'write',
      write: {
        identity: step.identity,
        request: {
          method: 'PATCH',
          url: fieldsUrl(step, itemId),
          body: step.fields,
          idempotent: false,
        },
        parse: () => ({ fields: step.fields }),
      },
    };
  },

  // The document was deleted since it was uploaded: upload it again, then set its columns.
  onError: (_step, _state, error) => (error.status === 404 ? 'reopen' : 'failed'),
  parents: (step) => [step.documentKey],
};

/** Column values as SharePoint gives them back: dates may come back in another spelling. */
function sameValue(actual: unknown, wanted: unknown): boolean {
  if (actual === wanted) return true;
  if (typeof actual === 'string' && typeof wanted === 'string') {
    const a = Date.parse(actual);
    return !Number.isNaN(a) && a === Date.parse(wanted) && /^\d{4}-/.test(actual);
  }
  return (actual === undefined || actual === null) && wanted === null;
}
