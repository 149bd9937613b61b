/**
 * Uploads bytes to an upload session URL (OneDrive/SharePoint files, Outlook attachments):
 * consecutive `PUT` byte ranges with `Content-Range: bytes a-b/total`, each a multiple of
 * 320 KiB (OneDrive's rule; Outlook accepts it too) except the last, and under 4 MB.
 *
 * The two services answer differently, and the upload goes on while the answer names a next
 * expected range, whatever its status:
 * - drive (https://learn.microsoft.com/graph/api/driveitem-createuploadsession): 202 Accepted with
 *   `nextExpectedRanges` ("327680-") for every range but the last; the last answers 201 Created
 *   (new file) or 200 OK (new version) with the driveItem. GET on the URL reports the session.
 * - outlook (https://learn.microsoft.com/graph/outlook-large-attachments, steps 2 and 3): 200 OK
 *   with `nextExpectedRanges` (a single "{start}") for every range but the last; only the last
 *   answers 201 Created, with an empty body and a `Location` naming the attachment. Nothing
 *   documents a GET on that URL.
 * So an answer without a next range that is not the service's final status means the file did
 * not arrive whole, and is an error: the caller must not treat the upload as done.
 *
 * The URL is pre-authenticated: the client's auth middleware sends no Authorization header to it.
 * We continue from the range the server asks for, so a range that arrived although its answer was
 * lost is not sent twice; a drive 416 (range already received) is resolved by asking the session
 * for its next expected range.
 *
 * Permissions: none (the URL carries its own authorisation); creating the session needs the
 * caller's permission (Files/Sites for drives, Mail.ReadWrite for attachments).
 */
import { GraphRequestError } from './GraphRequestError';
import type { GraphClient, GraphResponse } from './createGraphClient';
import { list, parseValue, record } from './parse';

export const UPLOAD_RANGE_UNIT = 320 * 1024;
/** 3,276,800 bytes: ten 320 KiB units, under Outlook's 4 MB per request. */
export const DEFAULT_UPLOAD_CHUNK_BYTES = 10 * UPLOAD_RANGE_UNIT;

export type UploadService = 'drive' | 'outlook';

const FINAL_STATUSES: Record<UploadService, readonly number[]> = {
  drive: [200, 201],
  outlook: [201],
};

export interface UploadOptions {
  chunkBytes?: number;
  signal?: AbortSignal;
  /** Whose upload URL it is (default 'drive'): it decides which answer completes the upload. */
  service?: UploadService;
}

/**
 * Uploads all of `bytes`; returns the body of the final answer (the driveItem for a drive;
 * nothing for Outlook). Throws when the session stops before the last byte.
 */
export async function uploadToSession(
  client: GraphClient,
  uploadUrl: string,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<unknown> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_UPLOAD_CHUNK_BYTES;
  if (chunkBytes <= 0 || chunkBytes % UPLOAD_RANGE_UNIT !== 0) {
    throw new RangeError(
      `Upload chunks must be a multiple of ${UPLOAD_RANGE_UNIT} bytes (320 KiB).`,
    );
  }
  const service = options.service ?? 'drive';
  const signal = options.signal ? { signal: options.signal } : {};
  const total = bytes.byteLength;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  for (let guard = 0; guard < Math.ceil(total / UPLOAD_RANGE_UNIT) + 10; guard += 1) {
    const end = Math.min(offset + chunkBytes, total) - 1;
    let response: GraphResponse;
    try {
      response = await client.send({
        method: 'PUT',
        url: uploadUrl,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Range': `bytes ${offset}-${end}/${total}`,
        },
        body: data.subarray(offset, end + 1),
        ...signal,
      });
    } catch (error) {
      if (!(error instanceof GraphRequestError) || error.status !== 416 || service !== 'drive')
        throw error;
      response = await client.send({ method: 'GET', url: uploadUrl, ...signal });
    }
    const next = nextExpectedStart(response.body);
    if (next === null) {
      if (FINAL_STATUSES[service].includes(response.status)) return response.body;
      throw GraphRequestError.invalidResponse(
        `the upload session answered ${response.status} with no next range before the file was complete`,
      );
    }
    if (next >= total) {
      throw GraphRequestError.invalidResponse(
        `the upload session asks for byte ${next} of a ${total}-byte file`,
      );
    }
    offset = next;
  }
  throw GraphRequestError.invalidResponse(
    'the upload session kept asking for ranges it had already been sent',
  );
}

/** The start of the first range in `nextExpectedRanges` ("327680-", "327680-655359", "327680"). */
function nextExpectedStart(body: unknown): number | null {
  if (body === undefined || body === null || typeof body !== 'object') return null;
  const ranges = parseValue(body, 'upload session', (value) =>
    list(record(value, 'upload session'), 'nextExpectedRanges', 'upload session'),
  );
  const first = ranges[0];
  if (typeof first !== 'string') return null;
  const start = Number(first.split('-')[0]);
  if (!Number.isInteger(start) || start < 0) {
    throw GraphRequestError.invalidResponse(`nextExpectedRanges "${first}" is not a byte range`);
  }
  return start;
}
