import { describe, expect, it } from 'vitest';
import { boardFixture } from '../helpers/board-fixture';
import { addShape, boardMaps } from '../../shared/model/board-doc';
import { addComment, deleteComment, editComment, readComments, replyTo, setResolved } from '../../shared/model/comments';
import { eventually } from '../helpers/poll';
import { join, type TestClient } from '../helpers/server';

/**
 * Who may do what with comments, seen from real clients on a real server: a comment is its author's to
 * edit and delete (a facilitator may delete any), anyone who may edit resolves it, the author stamp cannot
 * be faked, and mentions name people of the board only.
 */
const fx = boardFixture('Comments board');

const comment = (c: TestClient, id: string) => readComments(c.doc).records.find((x) => x.id === id);

describe('comments policy', () => {
  it('stamps the real author, keeps mentions of people only, lets others resolve but not edit or delete', async () => {
    const ann = await join(fx.server, fx.board, 'participant', 'Ann');
    const bob = await join(fx.server, fx.board, 'participant', 'Bob');
    const a = await fx.open(ann);
    const b = await fx.open(bob);
    addShape(a.doc, { kind: 'threat', id: 't1', title: 'Spoofed pump' });
    await eventually(() => expect(a.doc.getMap('people').has(bob.userId)).toBe(true));

    // Ann claims Bob wrote it and mentions Bob plus someone who is not on the fx.board.
    const c = addComment(a.doc, 't1', { text: '@Bob please check', mentions: [bob.userId, 'nobody-here'] }, bob.userId);
    await eventually(() => {
      for (const cl of [a, b]) {
        const seen = comment(cl, c.id);
        expect(seen?.createdBy).toBe(ann.userId);
        expect(seen?.mentions).toEqual([bob.userId]);
      }
    });

    // Bob tries to rewrite and delete Ann's comment: both are put back, for him too.
    editComment(b.doc, c.id, { text: 'Bob was here' });
    deleteComment(b.doc, c.id);
    await eventually(() => {
      for (const cl of [a, b]) expect(comment(cl, c.id)?.text).toBe('@Bob please check');
    });

    // Bob may reply and resolve; his reply is stamped as his.
    const r = replyTo(b.doc, c.id, { text: 'Looked: fixed' }, ann.userId);
    setResolved(b.doc, c.id, true);
    await eventually(() => {
      expect(comment(a, r!.id)?.createdBy).toBe(bob.userId);
      expect(comment(a, c.id)?.resolved).toBe(true);
      expect(comment(a, c.id)?.updatedBy).toBe(bob.userId);
    });

    // Ann edits and deletes her own comment.
    editComment(a.doc, c.id, { text: 'edited by Ann' });
    await eventually(() => expect(comment(b, c.id)?.text).toBe('edited by Ann'));
    deleteComment(a.doc, r!.id); // not hers: stays
    deleteComment(a.doc, c.id);
    await eventually(() => {
      expect(comment(b, c.id)).toBeUndefined();
      expect(comment(a, r!.id)?.text).toBe('Looked: fixed');
    });
  });

  it('a facilitator may delete anyone’s comment; a comment on a deleted item stays', async () => {
    const pat = await fx.open(await join(fx.server, fx.board, 'participant', 'Pat'));
    const fay = await fx.open(await join(fx.server, fx.board, 'facilitator', 'Fay'));
    addShape(pat.doc, { kind: 'note', id: 'n1', text: 'hello' });
    const c1 = addComment(pat.doc, 'n1', { text: 'one' });
    const c2 = addComment(pat.doc, 'n1', { text: 'two' });
    await eventually(() => expect(comment(fay, c2.id)?.text).toBe('two'));
    deleteComment(fay.doc, c1.id);
    boardMaps(fay.doc).shapes.delete('n1');
    await eventually(() => {
      expect(comment(pat, c1.id)).toBeUndefined();
      expect(boardMaps(pat.doc).shapes.has('n1')).toBe(false);
      expect(comment(pat, c2.id)?.text).toBe('two');
    });
  });
});
