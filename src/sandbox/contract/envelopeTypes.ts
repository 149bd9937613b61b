/**
 * Shapes that travel over Graph but are not entity or complex types in the CSDL, written in the
 * same form as graph-v1-types.json so one validator handles them:
 * - the error body (docs-contrib `concepts/errors.md`: `error {code, message, innerError}`);
 * - the JSON batch envelope (docs-contrib `concepts/json-batching.md`);
 * - action parameters, from the CSDL `<Action>` elements: `sendMail(Message, SaveToSentItems)`,
 *   `attachment.createUploadSession(AttachmentItem)`, `driveItem.createUploadSession(item)` plus
 *   `deferCommit` (driveitem-createuploadsession.md lists it; the CSDL does not).
 */
import type { GraphTypeDef, TypeProperty } from './graphTypes';

const prop = (type: string, nullable = true, collection = false): TypeProperty => ({
  type,
  nullable,
  collection,
});

function complex(
  properties: Record<string, TypeProperty>,
  extra: Partial<GraphTypeDef> = {},
): GraphTypeDef {
  return {
    kind: 'ComplexType',
    abstract: false,
    open: false,
    properties,
    navigation: {},
    ...extra,
  };
}

export const ENVELOPE_TYPES: Record<string, GraphTypeDef> = {
  'sandbox.odataError': complex({ error: prop('sandbox.mainError', false) }),
  'sandbox.mainError': complex({
    code: prop('Edm.String', false),
    message: prop('Edm.String', false),
    target: prop('Edm.String'),
    details: prop('sandbox.errorDetails', true, true),
    innerError: prop('sandbox.innerError'),
  }),
  'sandbox.errorDetails': complex({
    code: prop('Edm.String', false),
    message: prop('Edm.String', false),
    target: prop('Edm.String'),
  }),
  // Graph's innerError.date has no zone ("2025-02-13T10:17:05"), so it is a string, not a DateTimeOffset.
  'sandbox.innerError': complex(
    {
      date: prop('Edm.String'),
      'request-id': prop('Edm.String'),
      'client-request-id': prop('Edm.String'),
    },
    { open: true },
  ),
  'sandbox.httpHeaders': complex({}, { open: true }),
  'sandbox.batchRequest': complex({
    requests: prop('sandbox.batchRequestItem', false, true),
  }),
  'sandbox.batchRequestItem': complex({
    id: prop('Edm.String', false),
    method: prop('Edm.String', false),
    url: prop('Edm.String', false),
    headers: prop('sandbox.httpHeaders'),
    body: prop('Edm.Untyped'),
    dependsOn: prop('Edm.String', false, true),
  }),
  'sandbox.batchResponse': complex({
    responses: prop('sandbox.batchResponseItem', false, true),
  }),
  'sandbox.batchResponseItem': complex({
    id: prop('Edm.String', false),
    status: prop('Edm.Int32', false),
    headers: prop('sandbox.httpHeaders'),
    body: prop('Edm.Untyped'),
  }),
  'action.sendMail': complex(
    {
      Message: prop('microsoft.graph.message', false),
      SaveToSentItems: prop('Edm.Boolean'),
    },
    { caseInsensitive: true },
  ),
  'action.attachmentCreateUploadSession': complex(
    { AttachmentItem: prop('microsoft.graph.attachmentItem', false) },
    { caseInsensitive: true },
  ),
  'action.driveItemCreateUploadSession': complex(
    {
      item: prop('microsoft.graph.driveItemUploadableProperties'),
      deferCommit: prop('Edm.Boolean'),
    },
    { caseInsensitive: true },
  ),
  'action.noParameters': complex({}),
};
