import type { ThreatShape } from '../../../shared/model/schema';
import { threatLabel } from '../../../shared/threats/numbering';
import type { DfdElement } from '../../../shared/threats/stride';
import { useBoardShapes, useSession } from '../../editor/context';
import { STATUS_LABEL, strideName } from './labels';
import { StrideChip } from './StrideChip';

/** The threats attached to an element; each opens the threat. */
export function ElementThreats({ element }: { element: DfdElement }) {
  const session = useSession();
  const { list } = useBoardShapes();
  const threats = list.filter((s): s is ThreatShape => s.kind === 'threat' && s.elements.includes(element.id));
  return (
    <section className="prop-threats" aria-labelledby={`threats-${element.id}`}>
      <h3 id={`threats-${element.id}`} className="panel-subheading">
        Threats on this element ({threats.length})
      </h3>
      {threats.length === 0 ? (
        <p className="hint">None yet. Use the suggestions below, the Library tab, or the Coverage tab's gaps.</p>
      ) : (
        <ul className="threat-list" aria-label="Threats on this element">
          {threats.map((t) => (
            <li key={t.id}>
              <button type="button" className="threat-row" onClick={() => session.focusShape(t.id)} aria-label={`${threatLabel(t.num)} ${strideName(t.stride)}: ${t.title || 'Untitled threat'} (${STATUS_LABEL[t.status]})`}>
                <StrideChip letter={t.stride} />
                <span className="threat-id">{threatLabel(t.num)}</span>
                <span className="threat-title">{t.title || 'Untitled threat'}</span>
                <span className="threat-status">{STATUS_LABEL[t.status]}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
