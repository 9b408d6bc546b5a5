/** The board's views (diagrams), in tab order: see client/model/hooks.ts. */
export { useViews } from '../../model/hooks';
