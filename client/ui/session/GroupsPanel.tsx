import { useId, useState } from 'react';
import type { FacilitationState } from '../../../shared/facilitation/doc';
import type { Group } from '../../../shared/facilitation/schema';
import type { View } from '../../../shared/model/schema';
import { useFacilitationSession, useFollowController, useSession } from '../../editor/context';
import { useGroupPicking } from '../../facilitation/hooks';
import type { Participant } from '../../model/presence-store';

/** Names for user ids: from presence, or the names the server recorded with hidden-note counts. */
function nameOf(id: string, people: readonly Participant[], state: FacilitationState): string {
  return people.find((p) => p.id === id)?.name ?? state.hidden[id]?.name ?? 'Someone who left';
}

/** The facilitator strip's Groups popover: small groups, each with a view and members. */
export function GroupsPanel({ state, views, people }: { state: FacilitationState; views: readonly View[]; people: readonly Participant[] }) {
  const fac = useFacilitationSession();
  const follow = useFollowController();
  const session = useSession();
  const picking = useGroupPicking({ fac });
  const pickId = useId();
  const others = people.filter((p) => p.role !== 'viewer' && !p.isLocal);
  return (
    <div className="session-form groups-panel">
      <p className="panel-lead">Small groups</p>
      <label className="prop-check" htmlFor={pickId}>
        <input id={pickId} type="checkbox" checked={picking} onChange={(e) => fac.setGroupPicking(e.target.checked)} />
        Let people pick their group
      </label>
      {state.groups.length === 0 && <p className="hint">Split the room: each group works on its own view. Create groups, then send them there.</p>}
      <ul className="group-list" aria-label="Groups">
        {state.groups.map((g, i) => (
          <GroupRow key={`${g.id}:${g.name}`} group={g} index={i} views={views} people={others} state={state} />
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => fac.addGroup(`Group ${state.groups.length + 1}`, session.view)}>
          Add group
        </button>
      </div>
      {state.groups.length > 0 && (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => follow.sendGroups()}>
            Send groups to their views
          </button>
          <button type="button" className="secondary" onClick={() => follow.bringEveryone()}>
            Everyone back
          </button>
        </div>
      )}
    </div>
  );
}

function GroupRow({ group, index, views, people, state }: { group: Group; index: number; views: readonly View[]; people: readonly Participant[]; state: FacilitationState }) {
  const fac = useFacilitationSession();
  const [name, setName] = useState(group.name);
  const ids = { name: useId(), view: useId(), add: useId() };
  const addable = people.filter((p) => !group.members.includes(p.id));
  return (
    <li className="group-row">
      <div className="group-head">
        <input
          id={ids.name}
          aria-label={`Name of group ${index + 1}`}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name.trim() && name !== group.name && fac.updateGroup(group.id, { name: name.trim() })}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        <button type="button" className="text-button danger small" aria-label={`Delete ${group.name}`} onClick={() => fac.deleteGroup(group.id)}>
          Delete
        </button>
      </div>
      <select id={ids.view} aria-label={`View of ${group.name}`} value={group.view} onChange={(e) => fac.updateGroup(group.id, { view: e.target.value })}>
        <option value="">No view</option>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.title}
          </option>
        ))}
      </select>
      {group.members.length > 0 && (
        <ul className="chip-list" aria-label={`Members of ${group.name}`}>
          {group.members.map((id) => {
            const n = nameOf(id, people, state);
            return (
              <li key={id} className="element-chip">
                <span className="chip-main">{n}</span>
                <button type="button" className="chip-remove" aria-label={`Remove ${n} from ${group.name}`} onClick={() => fac.assignToGroup(id, null)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {addable.length > 0 && (
        <select
          id={ids.add}
          aria-label={`Add a person to ${group.name}`}
          value=""
          onChange={(e) => {
            if (e.target.value) fac.assignToGroup(e.target.value, group.id);
          }}
        >
          <option value="">Add a person…</option>
          {addable.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    </li>
  );
}
