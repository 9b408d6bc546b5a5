import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardMaps } from '../../shared/model/board-doc';
import { addComment, mentionSegments, mentionsIn, openCounts, readComments, replyTo, setResolved, threadsOn } from '../../shared/model/comments';
import { boardToData, dataToDoc } from '../../shared/formats/board-data';
import { initBoard } from '../../shared/model/board-doc';

describe('comments model', () => {
  it('groups replies under their thread, counts open threads, and keeps a reply whose root is gone', () => {
    const doc = new Y.Doc();
    const a = addComment(doc, 't1', { text: 'first' }, 'u1');
    const r = replyTo(doc, a.id, { text: 'answer' }, 'u2')!;
    replyTo(doc, r.id, { text: 'reply to a reply joins the root' }, 'u1');
    const b = addComment(doc, 't1', { text: 'second' });
    addComment(doc, 'm1', { text: 'on a mitigation' });
    expect(threadsOn(readComments(doc).records, 't1').map((t) => [t.root.text, t.replies.length])).toEqual([
      ['first', 2],
      ['second', 0],
    ]);
    setResolved(doc, b.id, true);
    expect(Object.fromEntries(openCounts(readComments(doc).records))).toEqual({ t1: 1, m1: 1 });
    boardMaps(doc).comments.delete(a.id);
    expect(threadsOn(readComments(doc).records, 't1').map((t) => t.root.text)).toContain('answer');
  });

  it('skips hostile records without throwing', () => {
    const doc = new Y.Doc();
    const { comments } = boardMaps(doc);
    (comments as unknown as Y.Map<unknown>).set('plain', 'not a record');
    const long = new Y.Map<unknown>();
    comments.set('long', long);
    long.set('id', 'long');
    long.set('target', 't');
    long.set('text', 'x'.repeat(5000));
    const bad = new Y.Map<unknown>();
    comments.set('bad', bad);
    bad.set('id', 'bad');
    bad.set('target', 't');
    bad.set('text', 'ok');
    bad.set('mentions', 'nope');
    bad.set('resolved', 'yes');
    const r = readComments(doc);
    expect(r.records.map((c) => [c.id, c.mentions, c.resolved])).toEqual([['bad', [], false]]);
    expect(r.errors.map((e) => e.id).sort()).toEqual(['long', 'plain']);
  });

  it('mentions: ids whose @Name is still in the text; highlighted segments', () => {
    const names: Record<string, string> = { u1: 'Bob', u2: 'Bob Smith', u3: 'Cy' };
    expect(mentionsIn('hi @Bob Smith and @Cy', ['u2', 'u3', 'u1', 'u2'], (id) => names[id]!)).toEqual(['u2', 'u3', 'u1']);
    expect(mentionsIn('hi there', ['u1'], (id) => names[id]!)).toEqual([]);
    expect(mentionSegments('ask @Bob Smith now', ['Bob', 'Bob Smith'])).toEqual([
      { text: 'ask ', mention: false },
      { text: '@Bob Smith', mention: true },
      { text: ' now', mention: false },
    ]);
  });

  it('round-trips through a backup', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'B');
    const c = addComment(doc, 't1', { text: 'keep me', mentions: ['u1'] }, 'u1');
    const copy = new Y.Doc();
    expect(dataToDoc(boardToData(doc), copy).ok).toBe(true);
    expect(readComments(copy).records).toEqual([c]);
  });
});
