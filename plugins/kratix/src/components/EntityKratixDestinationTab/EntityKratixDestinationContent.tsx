import { useMemo } from 'react';
import {
  EmptyState,
  InfoCard,
  Link,
  MissingAnnotationEmptyState,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  KRATIX_DESTINATION_NAME_ANNOTATION,
  KratixGeneration,
  Labels,
  describeMismatch,
  destinationOfEntity,
  getKratixDestinationName,
  getKratixPlatformName,
  matchDestination,
} from '@kratix-backstage/plugin-kratix-common';
import { kratixApiRef } from '../../api';
import {
  KratixEntityLinks,
  useKratixEntityLinks,
} from '../../hooks/useKratixEntityLinks';
import { useKratixRead } from '../../hooks/useKratixRead';
import { usePlatformName } from '../../hooks/usePlatformName';
import { LinkedName } from '../MisplacedTable/cells';
import { MisplacedTable } from '../MisplacedTable';
import {
  KratixErrorPanel,
  LabelChips,
  LiveStatusBar,
  StaleWarning,
} from '../shared';

/** One Promise as seen from a Destination. */
export interface PromiseOnDestination {
  id: string;
  promise: string;
  /** The Promise's own (squashed) destinationSelectors. */
  selector: Labels;
  /** The backend's answer: the Promise's selectors select this Destination. */
  targeted: boolean;
  /** Why not, in words (from the shared matching rule against the Destination's labels). */
  reasons: string[];
  workPlacements: number;
  misplaced: number;
}

/** Builds the rows: every Promise that targets the Destination or has WorkPlacements on it. */
export function promisesOnDestination(
  destination: string,
  destinationInfo: { labels: Labels; strictMatchLabels: boolean },
  generation: KratixGeneration,
  promises: Array<{
    name: string;
    selectors: { matchLabels: Labels };
    targetedDestinations: string[];
  }>,
  cells: Array<{
    promise: string;
    destination: string;
    workPlacements: number;
    misplaced: number;
  }>,
): PromiseOnDestination[] {
  const here = new Map(
    cells.filter(c => c.destination === destination).map(c => [c.promise, c]),
  );
  return promises
    .map(p => {
      const targeted = p.targetedDestinations.includes(destination);
      const cell = here.get(p.name);
      const reasons = targeted
        ? []
        : matchDestination(p.selectors.matchLabels, destinationInfo, {
            generation,
          }).reasons.map(describeMismatch);
      return {
        id: p.name,
        promise: p.name,
        selector: p.selectors.matchLabels,
        targeted,
        reasons,
        workPlacements: cell?.workPlacements ?? 0,
        misplaced: cell?.misplaced ?? 0,
      };
    })
    .sort(
      (a, b) =>
        Number(b.targeted) - Number(a.targeted) ||
        b.workPlacements - a.workPlacements ||
        a.promise.localeCompare(b.promise),
    );
}

const Targeted = ({ row }: { row: PromiseOnDestination }) => {
  const theme = useTheme();
  if (row.targeted) {
    return (
      <Chip
        size="small"
        label="yes"
        style={{
          backgroundColor: theme.palette.success.main,
          color: theme.palette.success.contrastText,
        }}
      />
    );
  }
  return (
    <>
      <Chip size="small" label="no" />
      {row.reasons.map(r => (
        <Typography key={r} variant="caption" display="block">
          {r}
        </Typography>
      ))}
    </>
  );
};

const columnsOf = (
  links: KratixEntityLinks,
  destination: string,
): TableColumn<PromiseOnDestination>[] => [
  {
    title: 'Promise',
    field: 'promise',
    render: r => <LinkedName name={r.promise} to={links.promise(r.promise)} />,
  },
  {
    title: 'Targets this Destination',
    field: 'targeted',
    render: r => <Targeted row={r} />,
  },
  {
    title: "Promise's destinationSelectors",
    sorting: false,
    render: r => <LabelChips labels={r.selector} emptyText="none (all)" />,
  },
  { title: 'WorkPlacements', field: 'workPlacements', type: 'numeric' },
  {
    title: 'Misplaced',
    field: 'misplaced',
    type: 'numeric',
    render: r => {
      if (r.misplaced === 0) return <Typography variant="body2">0</Typography>;
      const to = links.misplaced(r.promise, destination);
      const text = (
        <Typography variant="body2" component="span" color="error">
          <b>{r.misplaced}</b>
        </Typography>
      );
      return to ? (
        <Link to={to} aria-label={`${r.misplaced} misplaced of ${r.promise}`}>
          {text}
        </Link>
      ) : (
        text
      );
    },
  },
];

const DestinationView = (props: {
  platform: string;
  destination: string;
  info: { labels: Labels; strictMatchLabels: boolean };
}) => {
  const { platform, destination, info } = props;
  const api = useApi(kratixApiRef);
  const links = useKratixEntityLinks(platform);
  const columns = useMemo(
    () => columnsOf(links, destination),
    [links, destination],
  );
  const { value, loading, error, showStale, updatedAt, refresh } =
    useKratixRead(
      async options => {
        const [promises, matrix] = await Promise.all([
          api.listPromises(platform, options),
          api.getMatrix(platform, options),
        ]);
        return { promises, matrix };
      },
      [api, platform],
      { live: platform },
    );
  if (loading && !value) return <Progress />;
  if (error) return <KratixErrorPanel error={error} onShowStale={showStale} />;
  if (!value) return null;
  const rows = promisesOnDestination(
    destination,
    info,
    value.promises.generation,
    value.promises.items,
    value.matrix.cells,
  );
  const targeting = rows.filter(r => r.targeted).length;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <LiveStatusBar read={{ updatedAt, loading, refresh }} />
      </Grid>
      {value.promises.stale && (
        <Grid item xs={12}>
          <StaleWarning meta={value.promises} />
        </Grid>
      )}
      <Grid item xs={12}>
        {rows.length === 0 ? (
          <InfoCard title="Promises">
            <EmptyState
              missing="data"
              title="No Promises"
              description={`Kratix platform "${platform}" has no Promises installed.`}
            />
          </InfoCard>
        ) : (
          <Table<PromiseOnDestination>
            title={`Promises and ${destination}`}
            subtitle={`${targeting} of ${
              rows.length
            } Promises target ${destination}; labels: ${
              Object.entries(info.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ') || 'none'
            }`}
            options={{
              paging: rows.length > 50,
              pageSize: 50,
              search: rows.length > 50,
              padding: 'dense',
            }}
            columns={columns}
            data={rows}
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <MisplacedTable
          platform={platform}
          destination={destination}
          promises={rows.map(r => r.promise)}
          title={`Misplaced WorkPlacements on ${destination}`}
        />
      </Grid>
    </Grid>
  );
};

/**
 * Entity tab of a Kratix Destination: the Promises that target it and why (or why not), its
 * WorkPlacements per Promise, and its misplaced WorkPlacements with cleanup.
 *
 * @public
 */
export const EntityKratixDestinationContent = () => {
  const { entity } = useEntity();
  const destination = getKratixDestinationName(entity);
  const { platform, loading, error } = usePlatformName(
    getKratixPlatformName(entity),
  );
  if (!destination) {
    return (
      <MissingAnnotationEmptyState
        annotation={KRATIX_DESTINATION_NAME_ANNOTATION}
      />
    );
  }
  if (error) return <KratixErrorPanel error={error} />;
  if (loading || !platform) return <Progress />;
  return (
    <DestinationView
      platform={platform}
      destination={destination}
      info={destinationOfEntity(entity)}
    />
  );
};
