import { useEffect } from 'react';

interface EditorShortcuts {
  readOnly: boolean;
  save: () => Promise<unknown>;
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => Promise<void>;
}

/** Ctrl/Cmd+S saves (also from a text field); Z, Shift+Z or Y, C and V undo, redo, copy and paste on the canvas. */
export function useEditorShortcuts({ readOnly, save, undo, redo, copy, paste }: EditorShortcuts): void {
  // Re-registered on every render, so each key runs the current commands.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const target = e.target as HTMLElement | null;
      const inText = Boolean(target?.closest('input, textarea, select, .cm-editor'));
      const key = e.key.toLowerCase();
      if (key === 's') {
        e.preventDefault();
        if (!readOnly) void save();
        return;
      }
      if (inText) return;
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        redo();
      } else if (key === 'c') {
        copy();
      } else if (key === 'v') {
        e.preventDefault();
        void paste();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
