/**
 * The Fluent provider for every page, in the host's theme (Teams light, dark or high contrast),
 * following the host's theme changes live. Before the host is connected, the light theme.
 */
import { FluentProvider } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { HostPort, HostTheme } from '../teams/HostPort';
import { fluentThemeFor } from './hostTheme';
import { usePageReset, useTabRootStyles } from './TabRoot.styles';

export interface TabRootProps {
  host: Pick<HostPort, 'context' | 'onThemeChange'> | null;
  children: ReactNode;
}

export function TabRoot({ host, children }: TabRootProps) {
  usePageReset();
  const styles = useTabRootStyles();
  const [theme, setTheme] = useState<HostTheme>(() => host?.context().theme ?? 'default');
  useEffect(() => {
    if (!host) return undefined;
    setTheme(host.context().theme);
    return host.onThemeChange(setTheme);
  }, [host]);
  return (
    <FluentProvider theme={fluentThemeFor(theme)} className={styles.root} data-theme={theme}>
      {children}
    </FluentProvider>
  );
}
