// Attachments, for a patient's message and for a staff reply alike: one row per file with its
// progress and state; remove (and try again after a failure). Each file is started with the API
// (a presigned POST for exactly that file), sent to the blob store, then checked by the API (type,
// size, scan) before it can go with a message; only the checked ones' ids are sent.
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, SessionEndedError, UploadAborted } from '../api/errors';
import type { components } from '../api/schema';
import { uploadFile } from '../api/uploads';
import { useI18n } from '../i18n/I18nProvider';
import { extensionTypes, limits } from '../limits';
import { describeError } from './errors';

type S = components['schemas'];

/** The API's two upload steps, for whoever uploads: the patient's routes or the staff routes for a patient. */
export interface Uploads {
  start: (file: S['UploadRequest']) => Promise<S['UploadStarted']>;
  complete: (attachmentId: string) => Promise<S['AttachmentView']>;
}

export type FileState = 'uploading' | 'checking' | 'ready' | 'refused' | 'failed';

export interface PickedFile {
  key: number;
  file: File;
  name: string;
  size: number;
  type: string;
  state: FileState;
  progress: number;
  message: string;
  id: string;
  uploaded: boolean;
}

/** Waits between asking again while the malware scan of an upload is still running (409). */
const SCAN_WAITS_MS = [1_000, 2_000, 3_000, 4_000, 5_000, 5_000, 5_000];

export function typeOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m?.[1] ? (extensionTypes[m[1].toLowerCase()] ?? '') : '';
}

export function useFiles() {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const aborts = useRef(new Map<number, () => void>());
  const removed = useRef(new Set<number>());
  // The files as last rendered, for a reset called from a callback an earlier render made.
  const current = useRef(files);
  current.current = files;
  useEffect(
    () => () => {
      for (const abort of aborts.current.values()) abort();
    },
    [],
  );
  return {
    files,
    setFiles,
    aborts,
    removed,
    readyIds: files.filter((f) => f.state === 'ready').map((f) => f.id),
    busy: files.some((f) => f.state === 'uploading' || f.state === 'checking'),
    broken: files.some((f) => f.state === 'refused' || f.state === 'failed'),
    reset() {
      for (const abort of aborts.current.values()) abort();
      aborts.current.clear();
      for (const f of current.current) removed.current.add(f.key);
      setFiles([]);
    },
  };
}

let nextKey = 1;

export type FilesState = ReturnType<typeof useFiles>;

/** Why the files cannot go yet (a message key), or null: still uploading, or one refused or failed. */
export function filesProblem(state: FilesState): 'common.files.busy' | 'common.files.broken' | null {
  if (state.busy) return 'common.files.busy';
  if (state.broken) return 'common.files.broken';
  return null;
}

export function FilePicker({
  prefix,
  state,
  error,
  uploads,
  max,
}: {
  prefix: string;
  state: FilesState;
  error: string;
  uploads: Uploads;
  /** Files per message: the API document's limit for the request they go with. */
  max: number;
}) {
  const { t, tr } = useI18n();
  const { files, setFiles, aborts, removed } = state;
  const [live, setLive] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const accept = [...Object.keys(extensionTypes).map((e) => `.${e}`), ...limits.fileTypes].join(',');

  const update = (key: number, patch: Partial<PickedFile>) =>
    setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...patch } : f)));

  const upload = async (entry: PickedFile) => {
    let id = entry.id;
    try {
      if (!entry.uploaded) {
        update(entry.key, { state: 'uploading', progress: 0, message: '' });
        const started = await uploads.start({
          file_name: entry.name,
          content_type: entry.type,
          size: entry.size,
        });
        if (removed.current.has(entry.key)) return;
        id = started.attachment.attachment_id;
        update(entry.key, { id });
        const sending = uploadFile(started.upload, entry.file, (progress) => update(entry.key, { progress }));
        aborts.current.set(entry.key, sending.abort);
        await sending.done;
        aborts.current.delete(entry.key);
        if (removed.current.has(entry.key)) return;
        update(entry.key, { uploaded: true });
      }
      update(entry.key, { state: 'checking', message: '' });
      for (let attempt = 0; ; attempt += 1) {
        try {
          const view = await uploads.complete(id);
          if (removed.current.has(entry.key)) return;
          if (view.state === 'ready') {
            update(entry.key, { state: 'ready', message: '' });
            setLive(t('common.files.readyLive', { name: entry.name }));
          } else {
            update(entry.key, { state: 'failed', message: t('common.files.stillChecking') });
          }
          return;
        } catch (err) {
          if (!(err instanceof ApiError) || err.status !== 409 || attempt >= SCAN_WAITS_MS.length) throw err;
          await new Promise((r) => window.setTimeout(r, SCAN_WAITS_MS[attempt]));
          if (removed.current.has(entry.key)) return;
        }
      }
    } catch (err) {
      if (removed.current.has(entry.key) || err instanceof UploadAborted || err instanceof SessionEndedError) return;
      const refused =
        err instanceof ApiError && (err.status === 422 || (err.status === 400 && err.fieldErrors.length > 0));
      const message = refused
        ? t('common.files.refusedBy', { name: entry.name, reason: describeError(tr, err) })
        : t('common.files.failed', { name: entry.name, reason: describeError(tr, err) });
      update(entry.key, { state: refused ? 'refused' : 'failed', message });
      setLive(message);
    }
  };

  const add = (file: File) => {
    const entry: PickedFile = {
      key: nextKey++,
      file,
      name: file.name || 'file',
      size: file.size,
      type: typeOf(file.name || ''),
      state: 'uploading',
      progress: 0,
      message: '',
      id: '',
      uploaded: false,
    };
    const active = files.filter((f) => f.state !== 'refused' && f.state !== 'failed').length;
    let refusal = '';
    if (!entry.type) refusal = t('common.files.wrongType', { name: entry.name });
    else if (entry.size === 0) refusal = t('common.files.empty', { name: entry.name });
    else if (entry.size > limits.fileMaxBytes)
      refusal = t('common.files.tooBig', {
        name: entry.name,
        size: tr.fileSize(entry.size),
        max: tr.fileSize(limits.fileMaxBytes),
      });
    else if (active >= max) refusal = t('common.files.tooMany', { n: max });
    if (refusal) {
      setFiles((all) => [...all, { ...entry, state: 'refused', message: refusal }]);
      setLive(refusal);
      return;
    }
    setFiles((all) => [...all, entry]);
    void upload(entry);
  };

  const remove = (entry: PickedFile) => {
    removed.current.add(entry.key);
    aborts.current.get(entry.key)?.();
    aborts.current.delete(entry.key);
    setFiles((all) => all.filter((f) => f.key !== entry.key));
    setLive(t('common.files.removed', { name: entry.name }));
    inputRef.current?.focus();
  };

  const statusText = (f: PickedFile) => {
    switch (f.state) {
      case 'uploading':
        return t('common.files.uploading', { percent: Math.round(f.progress * 100) });
      case 'checking':
        return t('common.files.checking');
      case 'ready':
        return t('common.files.ready');
      default:
        return f.message;
    }
  };

  return (
    <div className="stack-tight">
      <div className="field">
        <label htmlFor={id}>
          {t('common.files.label')}
          <span className="optional"> {t('common.optional')}</span>
        </label>
        <p className="hint" id={`${id}-hint`}>
          {t('common.files.hint', { max: tr.fileSize(limits.fileMaxBytes), n: max })}
        </p>
        {error ? (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <input
          ref={inputRef}
          id={id}
          type="file"
          multiple
          accept={accept}
          className="file-input"
          data-testid={`${prefix}-files`}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            const chosen = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            for (const f of chosen) add(f);
          }}
        />
      </div>
      {files.length ? (
        <ul className="files" data-testid={`${prefix}-file-list`} aria-label={t('common.files.listLabel')}>
          {files.map((f) => (
            <li key={f.key} className="file" data-testid="attachment-item" data-state={f.state}>
              <p className="file-name">
                <span data-testid="attachment-name">{f.name}</span>{' '}
                <span className="hint">({tr.fileSize(f.size)})</span>
              </p>
              {f.state === 'uploading' ? (
                <progress
                  max={100}
                  value={Math.round(f.progress * 100)}
                  aria-label={t('common.files.progressLabel', { name: f.name })}
                />
              ) : null}
              <p
                className={f.state === 'refused' || f.state === 'failed' ? 'file-status field-error' : 'file-status'}
                data-testid="attachment-status"
              >
                {statusText(f)}
              </p>
              <div className="file-actions">
                {f.state === 'failed' ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    data-testid="attachment-retry"
                    aria-label={t('common.files.retryLabel', { name: f.name })}
                    onClick={() => void upload(f)}
                  >
                    {t('common.tryAgain')}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  data-testid="attachment-remove"
                  aria-label={t('common.files.removeLabel', { name: f.name })}
                  onClick={() => remove(f)}
                >
                  {t('common.files.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid={`${prefix}-files-live`}>
        {live}
      </p>
    </div>
  );
}
