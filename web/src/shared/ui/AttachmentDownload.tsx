// One attachment's download button: saves the file under its own name, shows how far along it is,
// says why when it fails, and tells screen readers when it starts and ends. Leaving the page stops
// it, so nothing is saved after a sign-out.
import { useEffect, useRef, useState } from 'react';
import { saveAttachment } from '../api/downloads';
import { SessionEndedError } from '../api/errors';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/I18nProvider';
import { BusyButton, ErrorMessage } from './components';

type Attached = components['schemas']['Attached'];
type DownloadLink = components['schemas']['DownloadLink'];

type Phase = 'idle' | 'link' | 'file' | 'done';

export function AttachmentDownload({
  file,
  label,
  link,
}: {
  file: Attached;
  /** What the button says: the app's own words, with the file's name and size. */
  label: string;
  /** Asks the API for a short-lived link to the file. */
  link: () => Promise<DownloadLink>;
}) {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const download = async () => {
    const abort = new AbortController();
    running.current = abort;
    setError(null);
    setPercent(null);
    setPhase('link');
    try {
      const answer = await link();
      if (abort.signal.aborted) return;
      setPhase('file');
      await saveAttachment(answer, file.file_name, {
        size: file.size,
        signal: abort.signal,
        // Whole percents: one render per step, not one per chunk.
        onProgress: (fraction) => setPercent(Math.floor(fraction * 100)),
      });
      setPhase('done');
    } catch (err) {
      if (abort.signal.aborted) return;
      setPhase('idle');
      // An ended session signs the app out, which says so itself.
      if (!(err instanceof SessionEndedError)) setError(err);
    }
  };

  const busy = phase === 'link' || phase === 'file';
  let busyLabel = t('common.download.preparing');
  if (phase === 'file')
    busyLabel = percent === null ? t('common.download.downloading') : t('common.download.progress', { percent });
  let announced = '';
  if (busy) announced = t('common.download.started', { name: file.file_name });
  else if (phase === 'done') announced = t('common.download.done', { name: file.file_name });
  return (
    <>
      <BusyButton
        type="button"
        className="button button-secondary button-small"
        busy={busy}
        busyLabel={busyLabel}
        data-testid="attachment-download"
        data-attachment-id={file.attachment_id}
        data-state={phase}
        onClick={() => void download()}
      >
        {label}
      </BusyButton>
      <span className="visually-hidden" role="status" data-testid="attachment-download-status">
        {announced}
      </span>
      <ErrorMessage error={error} testid="download-error" />
    </>
  );
}
