import { lazy, Suspense, type ComponentProps } from 'react';

// CodeMirror is a third of the bundle and only the inspector's JavaScript fields need it: it loads
// in its own chunk, after the canvas is up (see preloadJsEditor), so opening a workflow does not wait for it.
const load = () => import('./JsEditor');
const Editor = lazy(() => load().then((m) => ({ default: m.JsEditor })));

/** Fetches the editor's chunk ahead of need (called once the canvas is interactive). */
export function preloadJsEditor(): void {
  void load();
}

/** The JavaScript editor; until its chunk has loaded, the expression as read-only text. */
export function JsEditor(props: ComponentProps<typeof Editor>) {
  return (
    <Suspense
      fallback={
        <pre className={`js-editor js-editor-loading${props.invalid ? ' invalid' : ''}`} aria-busy="true" aria-label={props.label}>
          {props.value}
        </pre>
      }
    >
      <Editor {...props} />
    </Suspense>
  );
}
