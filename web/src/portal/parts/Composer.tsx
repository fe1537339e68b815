// The message editor shared by a new conversation and a reply: the text with its count (against the
// API's limit), the files, and the draft kept in memory while the patient looks elsewhere.
import { type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits } from '../../shared/limits';
import { charCount } from '../../shared/ui/errors';
import { FilePicker, filesProblem, type Uploads, useFiles } from '../../shared/ui/FilePicker';
import { messaging } from '../api';
import { getDraft, setDraft } from '../drafts';

/** The patient's own uploads. */
const patientUploads: Uploads = { start: messaging.startUpload, complete: messaging.completeUpload };

/** From this many characters on, the count is also read out (once typing pauses). */
const NEAR = 0.9;

export function useComposer(draftKey: string) {
  const [body, setBodyState] = useState(() => getDraft(draftKey));
  const [bodyError, setBodyError] = useState('');
  const [filesError, setFilesError] = useState('');
  const files = useFiles();
  const setBody = (text: string) => {
    setBodyState(text);
    setDraft(draftKey, text);
  };
  return {
    body,
    setBody,
    bodyError,
    setBodyError,
    filesError,
    setFilesError,
    files,
    reset() {
      setBody('');
      setBodyError('');
      setFilesError('');
      files.reset();
    },
  };
}
export type ComposerState = ReturnType<typeof useComposer>;

/** What the server would refuse; sets the messages and says whether the message may go. */
export function useCheck(state: ComposerState) {
  const { t, tr } = useI18n();
  return (): boolean => {
    let ok = true;
    const n = charCount(state.body);
    if (n > limits.messageMaxChars) {
      state.setBodyError(t('portal.composer.tooLong', { n: tr.number(n), max: tr.number(limits.messageMaxChars) }));
      ok = false;
    } else if (n === 0 && state.files.readyIds.length === 0) {
      state.setBodyError(t('portal.composer.empty'));
      ok = false;
    } else state.setBodyError('');
    const files = filesProblem(state.files);
    state.setFilesError(files ? t(files) : '');
    if (files) ok = false;
    return ok;
  };
}

export function Composer({
  prefix,
  label,
  hint,
  state,
  bodyRef,
}: {
  prefix: string;
  label: string;
  hint: string;
  state: ComposerState;
  bodyRef?: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t, tr } = useI18n();
  const id = useId();
  const n = charCount(state.body);
  const left = limits.messageMaxChars - n;
  const countText =
    left >= 0
      ? t('portal.composer.left', { left, n: tr.number(n), max: tr.number(limits.messageMaxChars) })
      : t('portal.composer.over', { over: -left, n: tr.number(n), max: tr.number(limits.messageMaxChars) });
  const [spoken, setSpoken] = useState('');
  const timer = useRef(0);
  useEffect(() => {
    window.clearTimeout(timer.current);
    if (n >= limits.messageMaxChars * NEAR) timer.current = window.setTimeout(() => setSpoken(countText), 1_000);
    return () => window.clearTimeout(timer.current);
  }, [n, countText]);

  const describedBy = [`${id}-hint`, `${id}-count`, state.bodyError ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
        {state.bodyError ? (
          <p className="field-error" id={`${id}-error`}>
            {state.bodyError}
          </p>
        ) : null}
        <textarea
          ref={bodyRef}
          id={id}
          name="body"
          rows={6}
          data-testid={`${prefix}-body`}
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={state.bodyError ? true : undefined}
          value={state.body}
          onChange={(e) => {
            state.setBody(e.currentTarget.value);
            if (state.bodyError && charCount(e.currentTarget.value) <= limits.messageMaxChars) state.setBodyError('');
          }}
        />
        <p
          className={`hint count${left < 0 ? ' count-over' : n >= limits.messageMaxChars * NEAR ? ' count-near' : ''}`}
          id={`${id}-count`}
          data-testid={`${prefix}-count`}
        >
          {countText}
        </p>
        <p className="visually-hidden" aria-live="polite" data-testid={`${prefix}-count-live`}>
          {spoken}
        </p>
      </div>
      <FilePicker
        prefix={prefix}
        state={state.files}
        error={state.filesError}
        uploads={patientUploads}
        max={limits.filesPerMessage}
      />
    </div>
  );
}
