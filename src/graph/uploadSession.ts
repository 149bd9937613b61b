/**
 * Uploads bytes to an upload session URL (OneDrive/SharePoint files, Outlook attachments):
 * consecutive `PUT` byte ranges with `Content-Range: bytes a-b/total`, each a multiple of
 * 320 KiB (OneDrive's rule; Outlook accepts it too) except the last, and under 4 MB.
 *
 * The URL is pre-authenticated: the client's auth middleware sends no Authorization header to it.
 * Intermediate answers are 202 `{nextExpectedRanges}`; we continue from the range the server asks
 * for, so a range that arrived although its answer was lost is not sent twice. A 416 (range
 * already received) is resolved by asking the session for its next expected range.
 *
 * Permissions: none (the URL carries its own authorisation); creating the session needs the
 * caller's permission (Files/Sites for drives, Mail.ReadWrite for attachments).
 */
import { GraphRequestError } from './GraphRequestError';
import type { GraphClient } from './createGraphClient';
import { list, parseValue, record } from './parse';

export const UPLOAD_RANGE_UNIT = 320 * 1024;
/** 3,276,800 bytes: ten 320 KiB units, under Outlook's 4 MB per request. */
export const DEFAULT_UPLOAD_CHUNK_BYTES = 10 * UPLOAD_RANGE_UNIT;

export interface UploadOptions {
  chunkBytes?: number;
  signal?: AbortSignal;
}

/** Uploads all of `bytes`; returns the body of the final answer (the created item, if any). */
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
  const total = bytes.byteLength;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  for (let guard = 0; guard < Math.ceil(total / UPLOAD_RANGE_UNIT) + 10; guard += 1) {
    const end = Math.min(offset + chunkBytes, total) - 1;
    try {
      const response = await client.send({
        method: 'PUT',
        url: uploadUrl,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Range': `bytes ${offset}-${end}/${total}`,
        },
        body: data.subarray(offset, end + 1),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (response.status !== 202) return response.body;
      const next = nextExpectedStart(response.body);
      if (next === null) return response.body;
      offset = next;
    } catch (error) {
      if (!(error instanceof GraphRequestError) || error.status !== 416) throw error;
      const status = await client.send({
        method: 'GET',
        url: uploadUrl,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const next = nextExpectedStart(status.body);
      if (next === null) return status.body;
      offset = next;
    }
  }
  throw GraphRequestError.invalidResponse(
    'the upload session kept asking for ranges it had already been sent',
  );
}

/** The start of the first range in `nextExpectedRanges` ("327680-" or "327680-655359"). */
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
