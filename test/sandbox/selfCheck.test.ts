/**
 * The sandbox holds itself to the same contract: an answer that is not a valid instance of its
 * Graph type is replaced by a 500 naming the problem (default), or only recorded.
 */
import { invalidAnswers, startHarness, type Harness } from './support';

describe('when the sandbox’s own answer breaks the Graph types', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers 500 SandboxContractViolation and records the violation', async () => {
    h = await startHarness();
    const chatId = h.sandbox.seed!.meeting.chatId;
    h.sandbox.state.chats.get(chatId)!.resource.meetingColour = 'teal';
    const response = await h.graph('GET', `/chats/${encodeURIComponent(chatId)}`);
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('SandboxContractViolation');
    expect(response.body.error.message).toContain("'meetingColour'");
    expect(h.sandbox.contractViolations).toEqual([
      expect.objectContaining({ method: 'GET', declared: { type: 'microsoft.graph.chat' } }),
    ]);
  });

  it('only records it in "record" mode, and the test helper finds it independently', async () => {
    h = await startHarness({ responseValidation: 'record' });
    const chatId = h.sandbox.seed!.meeting.chatId;
    h.sandbox.state.chats.get(chatId)!.resource.chatType = 'party';
    const response = await h.graph('GET', `/chats/${encodeURIComponent(chatId)}`);
    expect(response.status).toBe(200);
    expect(h.sandbox.contractViolations).toHaveLength(1);
    expect(invalidAnswers(h.exchanges)).toEqual([expect.stringContaining('chatType')]);
  });
});
