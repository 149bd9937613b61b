/**
 * An action's row in the committee's action register (a SharePoint list): added the first time,
 * its columns updated afterwards. The row carries Minutebook's marker in the `MinutebookKey` column
 * (tenant, meeting, action), so a creation in doubt is looked up with `fields/MinutebookKey eq '…'`
 * (with the Prefer header an unindexed column needs) before it is added again: another meeting's
 * row with the same action id is never taken for ours. An update is safe to repeat; a row deleted
 * since is re-added.
 *
 * Permissions: delegated Sites.ReadWrite.All, or application Sites.Selected (write on the site).
 */
import { odataString } from '../graph/createGraphClient';
import { NON_INDEXED_QUERY_PREFER, parseListRow } from '../graph/lists';
import { collectionPage, parseValue } from '../graph/parse';
import type { RegisterRowStep } from './PublishPlan';
import { REGISTER_COLUMNS } from './publishValues';
import { bodyOf, encode, onMissing, type StepDriver } from './stepDriver';

const items = (step: RegisterRowStep) =>
  `/sites/${encode(step.siteId)}/lists/${encode(step.listId)}/items`;

export const registerRowDriver: StepDriver<RegisterRowStep> = {
  reads(step, state) {
    if (!state.inDoubt || (step.existing && !state.recreate)) return [];
    const filter = `fields/${REGISTER_COLUMNS.key} eq ${odataString(step.marker)}`;
    return [
      {
        id: `row:${step.key}`,
        identity: step.identity,
        request: {
          method: 'GET',
          url: `${items(step)}?$expand=fields&$filter=${encode(filter)}`,
          headers: { Prefer: NON_INDEXED_QUERY_PREFER },
        },
      },
    ];
  },

  async decide(step, state, answers) {
    const update = step.existing && !state.recreate ? step.existing : null;
    if (!update && state.inDoubt) {
      const rows = parseValue(bodyOf(answers, `row:${step.key}`), 'GET register rows', (body) =>
        collectionPage(body).value.map(parseListRow),
      );
      const found = rows.find((row) => row.fields[REGISTER_COLUMNS.key] === step.marker);
      if (found) return { kind: 'done', result: { itemId: found.id } };
    }
    if (update) {
      return {
        kind: 'write',
        write: {
          identity: step.identity,
          request: {
            method: 'PATCH',
            url: `${items(step)}/${encode(update.itemId)}/fields`,
            body: step.fields,
          },
          parse: () => ({ itemId: update.itemId }),
        },
      };
    }
    const fields = { [REGISTER_COLUMNS.status]: 'Open', ...step.fields };
    return {
      kind: 'write',
      write: {
        identity: step.identity,
        request: { method: 'POST', url: items(step), body: { fields } },
        parse: (body) => ({ itemId: parseValue(body, 'POST register row', parseListRow).id }),
      },
    };
  },

  onError: (step, state, error) => (step.existing ? onMissing(state, error) : 'failed'),
  verify: (step, result) =>
    typeof result.itemId === 'string'
      ? { method: 'GET', url: `${items(step)}/${encode(result.itemId)}` }
      : null,
};
