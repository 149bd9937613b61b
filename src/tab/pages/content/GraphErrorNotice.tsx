/**
 * Why something from Microsoft 365 could not be read or done: the server's sentence (it says what
 * to do), and for `consent_required` the link where consent is given.
 */
import { Link } from '@fluentui/react-components';
import { Notice } from '../../components/Notice';

export function GraphErrorNotice({ title, error }: { title: string; error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  // An ApiError carries the server's `details`; consent_required's hold the consent link.
  const details = (error as { details?: { consentUrl?: unknown } } | null)?.details;
  const consentUrl = typeof details?.consentUrl === 'string' ? details.consentUrl : null;
  return (
    <Notice intent="error" title={title}>
      {message}{' '}
      {consentUrl && (
        <Link href={consentUrl} target="_blank" rel="noreferrer">
          Grant consent
        </Link>
      )}
    </Notice>
  );
}
