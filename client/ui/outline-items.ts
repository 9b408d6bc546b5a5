import { openLabel } from '../comments/store';
import type { ChangeKind } from '../since/summary';

/** One item of the outline list, as OutlineItems draws it. */
export interface OutlineRow {
  id: string;
  /** What kind of thing it is ("Data flow", "Yellow note") and the class of that tag. */
  tagName: string;
  tagClass: string;
  /** The line describing it; "(empty)" is shown muted. */
  text: string;
  hidden: boolean;
  /** Others added or changed it since this person's last visit (not yet seen). */
  since?: ChangeKind;
  /** Open comment threads on it. */
  comments: number;
  selected: boolean;
  /** The list's one tab stop. */
  tabbable: boolean;
}

interface Item {
  li: HTMLLIElement;
  button: HTMLButtonElement;
  /** What the button's content was drawn from (everything but `selected` and `tabbable`). */
  content: string;
  selected: boolean;
  tabbable: boolean;
}

/**
 * The outline's items as plain DOM, kept in step with a list of rows by id. A 2,000-note board opened
 * through React cost about 250 ms of its first paint in the outline alone (a component, five elements and
 * their props per item); here each item is a deep clone of one prepared item with its texts set through
 * `textContent`, so a board's text never passes through an HTML parser. An item whose content changes
 * keeps its button (focus stays where it was); selection and the tab stop only change attributes.
 */
export class OutlineItems {
  private readonly items = new Map<string, Item>();

  constructor(readonly list: HTMLUListElement) {}

  update(rows: readonly OutlineRow[]): void {
    const first = this.items.size === 0;
    const order: HTMLLIElement[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      const content = contentKey(row);
      let item = this.items.get(row.id);
      if (!item) {
        const li = prototype().cloneNode(true) as HTMLLIElement;
        const button = li.firstChild as HTMLButtonElement;
        button.dataset.shapeId = row.id;
        fill(button, row);
        item = { li, button, content, selected: false, tabbable: false };
        this.items.set(row.id, item);
      } else if (item.content !== content) {
        const fresh = prototype().firstChild!.cloneNode(true) as HTMLButtonElement;
        fill(fresh, row);
        item.button.replaceChildren(...fresh.childNodes);
        item.content = content;
      }
      if (item.selected !== row.selected) item.button.setAttribute('aria-pressed', String(row.selected));
      if (item.tabbable !== row.tabbable) item.button.tabIndex = row.tabbable ? 0 : -1;
      item.selected = row.selected;
      item.tabbable = row.tabbable;
      order.push(item.li);
    }
    for (const [id, item] of this.items) {
      if (seen.has(id)) continue;
      item.li.remove();
      this.items.delete(id);
    }
    if (first) {
      // A board opening: every item goes in at once.
      this.list.replaceChildren(...order);
      return;
    }
    let at = this.list.firstElementChild;
    for (const li of order) {
      if (at === li) at = at.nextElementSibling;
      else this.list.insertBefore(li, at);
    }
  }
}

let made: HTMLLIElement | null = null;

/** `<li><button …><span class="outline-kind">#tag<span class="visually-hidden">: </span></span><span class="outline-text"/></button></li>` */
function prototype(): HTMLLIElement {
  if (made) return made;
  const li = document.createElement('li');
  const button = li.appendChild(document.createElement('button'));
  button.type = 'button';
  button.className = 'outline-item';
  button.tabIndex = -1;
  button.setAttribute('aria-pressed', 'false');
  const kind = button.appendChild(document.createElement('span'));
  kind.append('', span('visually-hidden', ': '));
  button.appendChild(span('outline-text', ''));
  made = li;
  return li;
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}

/** Fill a fresh clone of the prototype's button from `row`. */
function fill(button: HTMLButtonElement, row: OutlineRow): void {
  const kind = button.firstChild as HTMLSpanElement;
  const text = button.lastChild as HTMLSpanElement;
  kind.className = `outline-kind ${row.tagClass}`;
  (kind.firstChild as Text).data = row.tagName;
  const marks: HTMLSpanElement[] = [];
  if (row.hidden) marks.push(span('hidden-tag', ' · hidden until reveal'));
  if (row.since) marks.push(span('outline-since', ` · ${row.since === 'added' ? 'new' : 'changed'} since your last visit`));
  if (marks.length > 0) kind.lastChild!.before(...marks);
  text.textContent = row.text;
  if (row.text === '(empty)') text.classList.add('muted');
  if (row.comments > 0) button.append(span('comment-count-badge', ` · ${openLabel(row.comments)}`));
}

/** The fields the content is drawn from; the text, the only one a person writes, goes last. */
function contentKey(row: OutlineRow): string {
  return `${row.tagName}\0${row.tagClass}\0${row.hidden}\0${row.since ?? ''}\0${row.comments}\0${row.text}`;
}
