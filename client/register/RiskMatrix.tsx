import { useMemo } from 'react';
import { RISK_LEVEL_LABELS, riskMatrixCounts, EXPLOITABILITY_SCALE, type MatrixCell, type RiskMatrixCounts, type RiskStage } from '../../shared/risk/matrix';
import { useBoardShapes } from '../editor/context';
import { EXPLOITABILITY_LABEL, SEVERITY_LABEL } from './labels';
import { isThreat } from './rows';
import { NO_FILTERS, useRegisterUi, type CellFilter } from './state';

/**
 * The risk matrix as a picture: severity of patient harm (rows, worst on top) × exploitability (columns),
 * each cell coloured by its level and labelled with it and with the number of threats in it, before and
 * after mitigation. A click on a cell shows those threats in the register.
 */
export function RiskMatrices() {
  const { list } = useBoardShapes();
  const threats = useMemo(() => list.filter(isThreat), [list]);
  const before = useMemo(() => riskMatrixCounts(threats, 'before'), [threats]);
  const after = useMemo(() => riskMatrixCounts(threats, 'after'), [threats]);
  const ui = useRegisterUi();
  const choose = (cell: CellFilter) => {
    ui.filters.set({ ...NO_FILTERS, cell });
    ui.tab.set('threats');
  };
  return (
    <section className="register-section" aria-labelledby="register-matrix-heading">
      <div className="register-section-head">
        <h2 id="register-matrix-heading">Risk matrix</h2>
        <p className="hint">
          Security risk of a medical device is judged by the severity of harm to a patient and how easily the threat can be exploited. Residual values
          left empty count as unchanged. Threats marked not applicable are left out. Choose a cell to see its threats.
        </p>
      </div>
      <div className="matrices">
        <Matrix m={before} title="Before mitigation" onChoose={choose} />
        <Matrix m={after} title="After mitigation" onChoose={choose} />
      </div>
      <p className="matrix-legend" aria-label="Levels">
        {(['low', 'medium', 'high', 'critical'] as const).map((l) => (
          <span key={l} className={`legend-item risk-${l}`}>
            {RISK_LEVEL_LABELS[l]}
          </span>
        ))}
      </p>
    </section>
  );
}

function Matrix({ m, title, onChoose }: { m: RiskMatrixCounts; title: string; onChoose(c: CellFilter): void }) {
  const rows: MatrixCell[][] = [];
  for (let i = 0; i < m.cells.length; i += EXPLOITABILITY_SCALE.length) rows.push(m.cells.slice(i, i + EXPLOITABILITY_SCALE.length));
  const total = m.cells.reduce((n, c) => n + c.count, 0);
  return (
    <figure className="matrix" aria-labelledby={`matrix-${m.stage}`}>
      <table className="matrix-table" aria-labelledby={`matrix-${m.stage}`}>
        <caption id={`matrix-${m.stage}`} className="matrix-title">
          Risk {title.toLowerCase()}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="matrix-corner">
              <span>Harm</span> ╲ <span>Exploitability</span>
            </th>
            {EXPLOITABILITY_SCALE.map((e) => (
              <th key={e} scope="col">
                {EXPLOITABILITY_LABEL[e]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row[0]!.severity}>
              <th scope="row">{SEVERITY_LABEL[row[0]!.severity]}</th>
              {row.map((c) => (
                <td key={c.exploitability} className={`matrix-cell risk-${c.level} ${c.count ? 'has' : 'empty'}`}>
                  <button
                    type="button"
                    aria-label={`${c.count} ${RISK_LEVEL_LABELS[c.level]} – ${stageName(m.stage)}: ${SEVERITY_LABEL[c.severity]} harm, ${EXPLOITABILITY_LABEL[c.exploitability].toLowerCase()} exploitability, ${c.count} ${c.count === 1 ? 'threat' : 'threats'}`}
                    title={c.count ? 'Show these threats in the register' : 'No threats in this cell'}
                    onClick={() => onChoose({ stage: m.stage, severity: c.severity, exploitability: c.exploitability })}
                  >
                    <span className="cell-count">{c.count}</span>
                    <span className="cell-level">{RISK_LEVEL_LABELS[c.level]}</span>
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="hint">
        {total} {total === 1 ? 'threat' : 'threats'} placed
        {m.unassessed.length > 0 ? `; ${m.unassessed.length} not assessed yet (severity or exploitability missing)` : ''}.
      </figcaption>
    </figure>
  );
}

function stageName(stage: RiskStage): string {
  return stage === 'before' ? 'Before mitigation' : 'After mitigation';
}
