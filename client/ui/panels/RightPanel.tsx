import { memo, useRef, useState, type KeyboardEvent } from 'react';
import { useEditor } from '../../editor/context';
import { Icon } from '../Icon';
import { Outline } from '../Outline';
import { LazyCoverage, LazyLibrary, LazyProperties, Loading } from '../lazy';
import { useCommentFocusOpens } from '../../comments/store';

const TABS = [
  { id: 'properties', label: 'Properties' },
  { id: 'coverage', label: 'Coverage' },
  { id: 'library', label: 'Library' },
  { id: 'outline', label: 'Outline' },
] as const;
type TabId = (typeof TABS)[number]['id'];

const TAB_KEY = 'threatboard:panel-tab';
const OPEN_KEY = 'threatboard:panel-open';

function load<T extends string>(key: string, ok: readonly T[], fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return ok.includes(v as T) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

function save(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* remembered for this visit only */
  }
}

/**
 * The right-hand panel: properties of the selection, STRIDE coverage, the threat library and the outline,
 * as tabs (the outline first shown: it is the board for those the canvas leaves out). Collapsible; the
 * open tab and the collapsed state are remembered in this browser. Memoized: the board page re-renders on
 * every change of the connection status; the panels read their own stores.
 */
export const RightPanel = memo(function RightPanel() {
  const editor = useEditor();
  const [tab, setTabState] = useState<TabId>(() => load(TAB_KEY, TABS.map((t) => t.id), 'outline'));
  const [open, setOpenState] = useState(() => load(OPEN_KEY, ['true', 'false'], 'true') === 'true');
  const tabsRef = useRef<HTMLDivElement>(null);

  const setTab = (id: TabId) => {
    setTabState(id);
    save(TAB_KEY, id);
  };
  const setOpen = (v: boolean) => {
    setOpenState(v);
    save(OPEN_KEY, String(v));
  };

  // A comment marker or the Comments panel asks for an item's comments: they are on the Properties tab.
  useCommentFocusOpens(editor.doc, () => {
    setTab('properties');
    setOpen(true);
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
    if (j === null) return;
    e.preventDefault();
    const next = TABS[(j + TABS.length) % TABS.length]!;
    setTab(next.id);
    tabsRef.current?.querySelector<HTMLButtonElement>(`#panel-tab-${next.id}`)?.focus();
  };

  if (!open) {
    return (
      <button type="button" className="panel-tab" aria-expanded={false} aria-controls="right-panel" onClick={() => setOpen(true)} title="Show panel">
        <Icon name="panel" />
        <span>Show panel</span>
      </button>
    );
  }
  return (
    <aside id="right-panel" className="right-panel" aria-label="Side panel">
      <div className="right-panel-head">
        <div className="right-panel-tabs" role="tablist" aria-label="Panels" ref={tabsRef} onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`panel-tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className="right-panel-tab"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <button type="button" className="icon-button" aria-expanded={true} aria-controls="right-panel" aria-label="Hide panel" title="Hide panel" onClick={() => setOpen(false)}>
          <Icon name="panel" />
        </button>
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`panel-tab-${tab}`} className={`right-panel-body tab-${tab}`}>
        {tab === 'properties' && (
          <Loading>
            <LazyProperties />
          </Loading>
        )}
        {tab === 'coverage' && (
          <Loading>
            <LazyCoverage />
          </Loading>
        )}
        {tab === 'library' && (
          <Loading>
            <LazyLibrary />
          </Loading>
        )}
        {tab === 'outline' && <Outline editor={editor} />}
      </div>
    </aside>
  );
});
