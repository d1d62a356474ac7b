import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type {
  DestinationTargeting,
  Labels,
  WorkloadGroupTargeting,
} from '@kratix-backstage/plugin-kratix-common';
import { SchedulingChanges, schedulingGraph } from './schedulingGraph';

const ROW = 30;
const NODE_H = 22;
const COL_X = [10, 300, 640];
const NODE_W = [200, 250, 260];
const WIDTH = 910;
/** Room right of the Destination nodes for the "gained" / "lost" marks of a proposed change. */
const MARK_W = 110;

const clip = (s: string, n: number) =>
  s.length > n ? `${s.slice(0, n - 1)}…` : s;

/** Misplaced edges dashed; those becoming misplaced with the change dotted. */
const dashOf = (e: { misplaced: boolean; becomesMisplaced: boolean }) => {
  if (e.becomesMisplaced) return '2 3';
  return e.misplaced ? '6 4' : undefined;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Where the Promise runs: Promise → its workload groups → Destinations, one edge per placement
 * (misplaced ones dashed in the error colour). Many Destinations are grouped by a label. With
 * `changes` (a what-if), Destinations gained / lost are marked and the WorkPlacements that become
 * misplaced are dotted: the same picture serves as "before" and "after" of a proposed change.
 */
export const SchedulingPicture = (props: {
  promise: string;
  destinations: DestinationTargeting[];
  workloadGroups: WorkloadGroupTargeting[];
  /** How many workload groups there are in all (the picture shows one page). */
  workloadGroupsTotal: number;
  selector: Labels;
  /** Card title (default "Where this Promise runs"). */
  title?: string;
  /** Marks of a proposed change (what-if). */
  changes?: SchedulingChanges;
}) => {
  const theme = useTheme();
  const { changes } = props;
  const g = schedulingGraph(
    props.destinations,
    props.workloadGroups,
    props.selector,
    changes,
  );
  const width = changes ? WIDTH + MARK_W : WIDTH;
  const warn = theme.palette.warning.main;
  const rows = Math.max(g.groups.length, g.destinations.length, 1);
  const height = rows * ROW + 20;
  const yOf = (i: number, n: number) => 10 + ((rows - n) * ROW) / 2 + i * ROW;
  const groupY = new Map(
    g.groups.map((n, i) => [n.id, yOf(i, g.groups.length)]),
  );
  const destY = new Map(
    g.destinations.map((n, i) => [n.id, yOf(i, g.destinations.length)]),
  );
  const promiseY = yOf(0, 1);
  const text = theme.palette.text.primary;
  const muted = theme.palette.text.secondary;
  const ok = theme.palette.success.main;
  const bad = theme.palette.error.main;
  const border = theme.palette.divider;
  const paper = theme.palette.background.paper;
  const misplacedEdges = g.edges.filter(e => e.misplaced).length;
  const becomingEdges = g.edges.filter(e => e.becomesMisplaced);
  const becoming = becomingEdges.reduce((s, e) => s + e.placements, 0);
  const gainedNodes = g.destinations.filter(n => n.gained > 0).length;
  const lostNodes = g.destinations.filter(n => n.lost > 0).length;
  const changeMark = (n: { gained: number; lost: number; count: number }) => {
    const many = n.count > 1 || g.groupedBy;
    const marks = [];
    if (n.gained) marks.push(many ? `+${n.gained} gained` : '+ gained');
    if (n.lost) marks.push(many ? `−${n.lost} lost` : '− lost');
    return marks.join(', ');
  };
  const nodeStroke = (n: { misplaced: number; targeted: number }) => {
    if (n.misplaced > 0) return bad;
    return n.targeted > 0 ? ok : border;
  };
  return (
    <InfoCard
      title={props.title ?? 'Where this Promise runs'}
      subheader={`Promise → workload groups → Destinations; one line per placement${
        g.groupedBy
          ? `; ${props.destinations.length} Destinations grouped by ${g.groupedBy}`
          : ''
      }`}
    >
      <Box style={{ overflowX: 'auto' }}>
        <svg
          role="img"
          aria-label={`Scheduling picture of ${props.promise}: ${
            g.groups.length
          } workload groups, ${
            g.destinations.length
          } Destination nodes, ${misplacedEdges} misplaced edges${
            changes
              ? `; ${gainedNodes} gained, ${lostNodes} lost, ${plural(
                  becoming,
                  'WorkPlacement',
                )} becoming misplaced`
              : ''
          }`}
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          style={{
            maxWidth: width,
            minWidth: 600,
            fontFamily: theme.typography.fontFamily,
            fontSize: 12,
          }}
        >
          {g.groups.map(n => (
            <line
              key={`p-${n.id}`}
              x1={COL_X[0] + NODE_W[0]}
              y1={promiseY + NODE_H / 2}
              x2={COL_X[1]}
              y2={groupY.get(n.id)! + NODE_H / 2}
              stroke={border}
            />
          ))}
          {g.edges.map(e => (
            <line
              key={`${e.from}-${e.to}-${e.misplaced}`}
              data-misplaced={e.misplaced}
              data-becomes-misplaced={e.becomesMisplaced || undefined}
              x1={COL_X[1] + NODE_W[1]}
              y1={groupY.get(e.from)! + NODE_H / 2}
              x2={COL_X[2]}
              y2={destY.get(e.to)! + NODE_H / 2}
              stroke={e.misplaced ? bad : ok}
              strokeWidth={Math.min(
                1.5 + Math.log2(e.placements) + (e.becomesMisplaced ? 1 : 0),
                6,
              )}
              strokeDasharray={dashOf(e)}
            >
              <title>{`${plural(e.placements, 'WorkPlacement')}${
                e.becomesMisplaced
                  ? ', becoming misplaced with this change'
                  : ''
              }${
                e.misplaced && !e.becomesMisplaced
                  ? ', misplaced (the selector no longer selects it)'
                  : ''
              }`}</title>
            </line>
          ))}
          <g>
            <rect
              x={COL_X[0]}
              y={promiseY}
              width={NODE_W[0]}
              height={NODE_H}
              rx={4}
              fill={paper}
              stroke={text}
            />
            <text
              x={COL_X[0] + 8}
              y={promiseY + 15}
              fill={text}
              fontWeight="bold"
            >
              {clip(`Promise ${props.promise}`, 30)}
            </text>
          </g>
          {g.groups.map(n => (
            <g key={n.id}>
              <rect
                x={COL_X[1]}
                y={groupY.get(n.id)}
                width={NODE_W[1]}
                height={NODE_H}
                rx={4}
                fill={paper}
                stroke={border}
              />
              <text x={COL_X[1] + 8} y={groupY.get(n.id)! + 15} fill={text}>
                {clip(n.label, 36)}
              </text>
              {/* After the visible text, so that a text search finds the label first. */}
              <title>{n.id}</title>
            </g>
          ))}
          {g.destinations.map(n => (
            <g key={n.id} data-testid="destination-node">
              <rect
                x={COL_X[2]}
                y={destY.get(n.id)}
                width={NODE_W[2]}
                height={NODE_H}
                rx={4}
                fill={paper}
                stroke={nodeStroke(n)}
                strokeWidth={n.targeted > 0 || n.misplaced > 0 ? 2 : 1}
              />
              <text
                x={COL_X[2] + 8}
                y={destY.get(n.id)! + 15}
                fill={n.targeted > 0 ? text : muted}
              >
                {clip(
                  n.count > 1 || g.groupedBy
                    ? `${n.label} · ${n.targeted}/${n.count} targeted`
                    : n.label,
                  38,
                )}
              </text>
              {changes && changeMark(n) && (
                <text
                  x={COL_X[2] + NODE_W[2] + 8}
                  y={destY.get(n.id)! + 15}
                  fill={n.gained ? ok : warn}
                  fontWeight="bold"
                  data-change={n.gained ? 'gained' : 'lost'}
                >
                  {changeMark(n)}
                </text>
              )}
              <title>{`${n.label}: ${plural(n.count, 'Destination')}, ${
                n.targeted
              } targeted, ${n.misplaced} misplaced${
                n.gained ? `, ${n.gained} gained` : ''
              }${n.lost ? `, ${n.lost} lost` : ''}`}</title>
            </g>
          ))}
        </svg>
      </Box>
      <Typography variant="caption" color="textSecondary" display="block">
        {`Green line: placed where the selector selects; red dashed: misplaced (${misplacedEdges}). Green box: targeted by the Promise's selectors; red box: has misplaced WorkPlacements; grey: not targeted.${
          changes
            ? ` This change: "+ gained" = the Promise starts running there (${gainedNodes}), "− lost" = it stops targeting it (${lostNodes}); red dotted: WorkPlacements that become misplaced (${becoming}).`
            : ''
        }${
          g.groupsOmitted ||
          props.workloadGroupsTotal > props.workloadGroups.length
            ? ` Showing ${g.groups.length} of ${props.workloadGroupsTotal} workload groups.`
            : ''
        }`}
      </Typography>
    </InfoCard>
  );
};
