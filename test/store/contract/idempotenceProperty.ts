/**
 * appendOperations is idempotent on op id under any delivery: every op sent 1-3 times, in any
 * order, in batches that may hold the same op twice, some retried split differently. Each op is
 * stored once, re-deliveries get the first seq, and the log folds as the first arrivals do.
 */
import fc from 'fast-check';
import { foldOperations, meetingView, type NewOperation } from '../../../src/domain';
import type { AppendResult } from '../../../src/store';
import {
  createMeeting,
  guard,
  MEETING_ID,
  op,
  readAll,
  SERVER_TIME,
  settings,
  TENANT,
  type OpenStore,
} from './fixtures';

const entityIds = fc.constantFrom('x1', 'x2');
/** The bodies of the distinct ops; their order in the log decides the fold. */
const bodies = fc.array(
  fc.oneof(
    entityIds.map((id) => ({ type: 'note.add', payload: { id, itemId: 'i1', text: `add ${id}` } })),
    fc
      .tuple(entityIds, fc.constantFrom('one', 'two', 'three'))
      .map(([id, text]) => ({ type: 'note.update', payload: { id, text } })),
    entityIds.map((id) => ({ type: 'note.remove', payload: { id } })),
    entityIds.map((id) => ({
      type: 'action.raise',
      payload: { id, itemId: 'i1', text: `raise ${id}`, ownerIds: ['cds'] },
    })),
    fc
      .tuple(entityIds, fc.constantFrom('one', 'two'))
      .map(([id, text]) => ({ type: 'action.update', payload: { id, text } })),
    entityIds.map((id) => ({ type: 'action.withdraw', payload: { id } })),
  ),
  { minLength: 1, maxLength: 20 },
);

const delivery = bodies.chain((distinct) =>
  fc
    .tuple(
      fc.constant(distinct),
      fc.array(fc.integer({ min: 1, max: 3 }), {
        minLength: distinct.length,
        maxLength: distinct.length,
      }),
    )
    .chain(([distinct, copies]) => {
      const sends = copies.flatMap((count, index) => Array.from({ length: count }, () => index));
      return fc.record({
        distinct: fc.constant(distinct),
        order: fc.shuffledSubarray(sends, { minLength: sends.length, maxLength: sends.length }),
        batchSizes: fc.array(fc.integer({ min: 1, max: 6 }), {
          minLength: sends.length,
          maxLength: sends.length,
        }),
        retries: fc.array(fc.option(fc.integer({ min: 0, max: 6 })), {
          minLength: sends.length,
          maxLength: sends.length,
        }),
      });
    }),
);

export function idempotenceProperty(open: OpenStore, numRuns: number): void {
  it('stores each op once; re-deliveries get the first seq; the log folds as first arrival', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async ({ distinct, order, batchSizes, retries }) => {
        const store = await open();
        try {
          await createMeeting(store);
          const ops = distinct.map((body, index) => op(`op-${index}`, body.type, body.payload));
          const requests: NewOperation[][] = [];
          let start = 0;
          for (let batch = 0; start < order.length; batch += 1) {
            const size = batchSizes[batch] ?? 1;
            const sent = order
              .slice(start, start + size)
              .map((index) => ops[index] as NewOperation);
            start += size;
            requests.push(sent);
            const retry = retries[batch];
            // A retried batch: the client resends it, split at a random point.
            if (retry !== null && retry !== undefined) {
              const cut = Math.min(retry, sent.length);
              requests.push(
                ...[sent.slice(0, cut), sent.slice(cut)].filter((part) => part.length > 0),
              );
            }
          }

          const firstSeq = new Map<string, number>();
          const firstArrival: NewOperation[] = [];
          for (const request of requests) {
            const outcome = await store.appendOperations(
              TENANT,
              MEETING_ID,
              request,
              guard,
              SERVER_TIME,
            );
            expect(outcome.results.map((result) => result.id)).toEqual(
              request.map((sent) => sent.id),
            );
            outcome.results.forEach((result: AppendResult, index) => {
              const known = firstSeq.get(result.id);
              if (known === undefined) {
                expect(result.duplicate).toBe(false);
                firstSeq.set(result.id, result.seq);
                firstArrival.push(request[index] as NewOperation);
                expect(result.seq).toBe(firstArrival.length);
              } else {
                expect(result).toEqual({ id: result.id, seq: known, duplicate: true });
              }
            });
            // What was written is exactly the new ops of this request, in seq order.
            expect(outcome.appended.map((stored) => [stored.id, stored.seq])).toEqual(
              outcome.results
                .filter((result) => !result.duplicate)
                .map((result) => [result.id, result.seq]),
            );
          }

          const stored = await readAll(store);
          expect(stored.map((entry) => entry.id)).toEqual(firstArrival.map((sent) => sent.id));
          expect(new Set(stored.map((entry) => entry.id)).size).toBe(ops.length);
          expect(stored.map((entry) => entry.seq)).toEqual(ops.map((_, index) => index + 1));
          for (const entry of stored) expect(entry.seq).toBe(firstSeq.get(entry.id));
          expect((await store.getMeeting(TENANT, MEETING_ID))?.lastSeq).toBe(ops.length);

          const expected = foldOperations(
            MEETING_ID,
            firstArrival.map((sent, index) => ({
              ...sent,
              seq: index + 1,
              serverTime: SERVER_TIME,
            })),
          );
          const actual = foldOperations(MEETING_ID, stored);
          expect(actual).toEqual(expected);
          expect(meetingView(actual, settings)).toEqual(meetingView(expected, settings));
        } finally {
          await store.close();
        }
      }),
      { numRuns },
    );
  });
}
