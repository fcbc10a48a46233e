import { Graph as DagreGraph, layout } from '@dagrejs/dagre';
import type { Graph } from './model';

export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 84;

/** Top-to-bottom layered layout (dagre); edges keep their ports, only positions change. */
export function autoLayout(graph: Graph): Graph {
  const g = new DagreGraph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) {
    g.setNode(n.id, { width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? NODE_HEIGHT });
  }
  graph.edges.forEach((e, i) => {
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target, {}, `e${i}`);
  });
  layout(g);
  const nodes = graph.nodes.map((n) => {
    const p = g.node(n.id);
    if (!p) return n;
    const width = n.measured?.width ?? NODE_WIDTH;
    const height = n.measured?.height ?? NODE_HEIGHT;
    return { ...n, position: { x: Math.round(p.x - width / 2), y: Math.round(p.y - height / 2) } };
  });
  return { nodes, edges: graph.edges };
}
