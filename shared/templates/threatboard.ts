import type { TemplateSpec } from './build';

/**
 * Threatboard's own threat model (docs/threat-model.md), as a board: a threat-modeling tool should show its
 * own. The global view is the DFD of a deployment; the second view follows a live session, where secret
 * votes and silent brainstorms are only worth something if nobody can forge or read them early.
 */
export const threatboard: TemplateSpec = {
  info: {
    id: 'threatboard',
    title: 'Threatboard itself (our own threat model)',
    description:
      'The tool you are using: browsers of facilitators, participants and anonymous visitors, the HTTP API and the sync server, ' +
      'the room workflows that number threats, reveal notes and tally votes, and the data directory. Two views: deployment, live session.',
  },
  views: [
    {
      reuseMain: true,
      title: 'Global system view',
      kind: 'global',
      description:
        'One Threatboard server (Node.js) behind a TLS proxy. Anyone may create a board; whoever holds an invite link joins with that ' +
        'link\'s role. Every browser is untrusted: a participant or viewer may run a tampered client or a script instead of the page.',
      boundaries: [
        { label: 'Browsers (untrusted)', description: 'Whatever runs there can send any bytes the protocol allows, and more.', encloses: ['facBrowser', 'partBrowser', 'visitor'] },
        { label: 'Threatboard server process', description: 'Decides who may write what, before anything is applied, relayed or stored.', encloses: ['api', 'sync', 'workflows'] },
        { label: 'Data directory and cluster stores', description: 'DATA_DIR is 0700, its files 0600.', encloses: ['secret', 'sqlite', 'cluster'] },
      ],
      nodes: [
        { key: 'visitor', kind: 'entity', label: 'Anyone on the network', description: 'Creates boards, imports files, joins with an invite key; a viewer only reads.', at: [0, 0] },
        { key: 'facBrowser', kind: 'entity', label: 'Facilitator\'s browser', description: 'Runs the session: phases, timer, votes, locks, reveal.', at: [0, 1] },
        { key: 'partBrowser', kind: 'entity', label: 'Participant\'s browser', description: 'Draws, writes threats, hidden notes and ballots.', at: [0, 2] },
        { key: 'api', kind: 'process', runsOn: 'cloud', label: 'HTTP API', description: 'Create, join, import, export; rate-limited per address.', at: [2, 0] },
        { key: 'sync', kind: 'process', runsOn: 'cloud', label: 'Sync server (y-websocket)', description: 'Admission before apply, policy before relay.', at: [2, 1] },
        { key: 'workflows', kind: 'process', runsOn: 'cloud', label: 'Room workflows', description: 'Threat numbers, reveal, tally, timed votes.', at: [2, 2] },
        { key: 'secret', kind: 'store', label: 'Token signing secret', description: 'HS256 key for session tokens; refused at start-up if world-readable.', at: [4, 0] },
        { key: 'sqlite', kind: 'store', label: 'SQLite: boards, invites, update logs', description: 'Every board, hidden note and ballot, as Yjs update logs.', at: [4, 1] },
        { key: 'cluster', kind: 'store', label: 'PostgreSQL and Redis (optional)', description: 'Cluster mode: shared logs and fan-out between instances.', at: [4, 2] },
      ],
      flows: [
        { key: 'anon', from: 'visitor', to: 'api', label: 'Create, join, import', protocol: 'HTTPS', bidirectional: true, encrypted: true, crossesInternet: true, description: 'Rate-limited per address; ADMIN_KEY may be required to create or import.' },
        { key: 'invite', from: 'facBrowser', to: 'partBrowser', label: 'Invite link (out of band)', protocol: 'other', description: 'The key is in the URL fragment: never in a server log or a Referer.' },
        { key: 'facHttp', from: 'facBrowser', to: 'api', label: 'Export, new invite links', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { key: 'facWs', from: 'facBrowser', to: 'sync', label: 'Edits, session control', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true, description: 'WebSocket over TLS; token in the query string.' },
        { key: 'partWs', from: 'partBrowser', to: 'sync', label: 'Yjs updates, presence', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'sync', to: 'workflows', label: 'Room changes', protocol: 'other', bidirectional: true },
        { from: 'api', to: 'secret', label: 'Sign and verify tokens', protocol: 'other' },
        { from: 'api', to: 'sqlite', label: 'Boards, invite hashes', protocol: 'other', bidirectional: true },
        { key: 'log', from: 'sync', to: 'sqlite', label: 'Update log, snapshots', protocol: 'other', bidirectional: true },
        { from: 'sync', to: 'cluster', label: 'Logs and fan-out', protocol: 'other', bidirectional: true, authenticated: true },
      ],
      threats: [
        {
          stride: 'T',
          title: 'Forged vote counts and threat numbers',
          description: 'A tampered participant client writes the server-owned num, votes or createdBy fields, or a title held pending until the facilitator\'s next edit.',
          elements: ['partWs', 'sync'],
          at: [1, 3],
        },
        {
          stride: 'D',
          title: 'One hostile update takes every board down',
          description: 'Junk where a record belongs throws in a workflow, a ContentJSON bomb freezes a room, a deep Y.Map chain breaks every export.',
          elements: ['sync', 'workflows', 'log'],
          at: [3, 3],
        },
        {
          stride: 'I',
          title: 'Hidden notes and ballots readable on disk',
          description: 'Another local user reads the database or the signing secret when the data directory is world-readable.',
          elements: ['sqlite', 'secret'],
          at: [4, 3],
        },
        {
          stride: 'S',
          title: 'A forwarded invite link gives its role to anyone',
          description: 'Invite links are bearer secrets; a facilitator link pasted in a chat makes every reader a facilitator until the links are renewed.',
          elements: ['invite', 'facBrowser'],
          at: [0, 3],
        },
      ],
    },
    {
      title: 'Security use case: a live session',
      kind: 'security-use-case',
      description:
        'A silent brainstorm and a secret dot vote. Hidden notes and ballots live in each person\'s private document; the server alone ' +
        'reads them all, reveals the notes onto the board and tallies the ballots. What must hold: nobody sees a note or a ballot early, ' +
        'nobody forges a result, and a viewer writes nothing.',
      boundaries: [
        { label: 'Browsers (untrusted)', encloses: ['facBrowser', 'partBrowser'] },
        { label: 'Sync server and its documents', encloses: ['policy', 'boardDoc', 'facDoc', 'privDoc', 'reveal'] },
      ],
      nodes: [
        { key: 'facBrowser', kind: 'entity', label: 'Facilitator\'s browser', at: [0, 0] },
        { key: 'partBrowser', kind: 'entity', label: 'Participant\'s browser', at: [0, 2] },
        { key: 'policy', kind: 'process', runsOn: 'cloud', label: 'Admission and policy', description: 'Role, document, lock, server-owned field and title checks before relay.', at: [1, 1] },
        { key: 'boardDoc', kind: 'store', label: 'Board document', description: 'Shared by everyone on the board.', at: [2, 0] },
        { key: 'facDoc', kind: 'store', label: 'Facilitation document', description: 'Phase, timer, votes; facilitators write, the server counts.', at: [2, 1] },
        { key: 'privDoc', kind: 'store', label: 'Private documents', description: 'One per person: hidden notes and ballots.', at: [2, 2] },
        { key: 'reveal', kind: 'process', runsOn: 'cloud', label: 'Reveal and tally', description: 'Moves hidden notes onto the board; counts ballots within budget.', at: [3, 1] },
      ],
      flows: [
        { from: 'facBrowser', to: 'policy', label: 'Start vote, reveal', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { key: 'presence', from: 'partBrowser', to: 'policy', label: 'Ballots, notes, presence', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'policy', to: 'boardDoc', label: 'Allowed board edits', protocol: 'other' },
        { from: 'policy', to: 'facDoc', label: 'Facilitator\'s changes', protocol: 'other' },
        { key: 'ballots', from: 'policy', to: 'privDoc', label: 'Own notes and ballots', protocol: 'other' },
        { from: 'reveal', to: 'privDoc', label: 'Read notes and ballots', protocol: 'other', bidirectional: true },
        { key: 'revealed', from: 'reveal', to: 'boardDoc', label: 'Revealed notes, votes', protocol: 'other' },
        { from: 'reveal', to: 'facDoc', label: 'Results, counters', protocol: 'other' },
      ],
      threats: [
        {
          stride: 'I',
          title: 'Cursors give away secret votes',
          description: 'Presence relayed during an open vote shows where each voter clicks; a hidden note\'s id in a selection lets others target it.',
          elements: ['presence', 'policy'],
          at: [0, 3],
        },
        {
          stride: 'E',
          title: 'A viewer\'s notes and ballots are counted',
          description: 'A viewer link that may write its own private document turns a read-only seat into a voter and a note author.',
          elements: ['ballots', 'privDoc', 'reveal'],
          at: [2, 3],
        },
        {
          stride: 'T',
          title: 'Reveal drops a note whose id someone took',
          description: 'Another participant creates a board note with the hidden note\'s id; the reveal keeps theirs and shows it under the author\'s name.',
          elements: ['revealed', 'reveal'],
          at: [4, 0],
        },
      ],
    },
  ],
};
