/**
 * @jest-environment jsdom
 */
import { act, render, screen } from '@testing-library/react';
import { fakeHost } from './testSupport';
import { TabRoot } from './TabRoot';

function providerTheme(): string | null {
  return screen.getByText('Page').closest('[data-theme]')?.getAttribute('data-theme') ?? null;
}

describe('TabRoot', () => {
  it("starts in the host's theme and follows its changes live", () => {
    const host = fakeHost({ theme: 'dark' });
    const { unmount } = render(
      <TabRoot host={host}>
        <p>Page</p>
      </TabRoot>,
    );
    expect(providerTheme()).toBe('dark');
    act(() => host.setTheme('contrast'));
    expect(providerTheme()).toBe('contrast');
    act(() => host.setTheme('default'));
    expect(providerTheme()).toBe('default');
    unmount();
  });

  it('uses the light theme until a host is connected', () => {
    render(
      <TabRoot host={null}>
        <p>Page</p>
      </TabRoot>,
    );
    expect(providerTheme()).toBe('default');
  });
});
