import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { HistoryEntry } from '@kratix-backstage/plugin-kratix-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { kratixApiRef } from '../../api';
import { KratixPromiseRef, KratixPromiseScope } from '../KratixPromiseScope';
import { KratixErrorPanel } from '../shared';

const TITLE = 'Kratix change history';

const OUTCOME_COLORS: Record<HistoryEntry['outcome'], string> = {
  succeeded: '#2e7d32',
  refused: '#b26a00',
  failed: '#c62828',
};

const ACTIONS: Record<HistoryEntry['action'], string> = {
  'promise.update': 'Promise updated',
  'workplacement.delete': 'WorkPlacement deleted',
};

const HistoryTable = (props: { items: HistoryEntry[] }) => {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen(prev => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns: TableColumn<HistoryEntry>[] = [
    {
      title: 'Time',
      field: 'at',
      render: e => new Date(e.at).toLocaleString(),
      width: '15%',
    },
    { title: 'Actor', field: 'actor' },
    {
      title: 'Action',
      field: 'action',
      render: e => ACTIONS[e.action] ?? e.action,
    },
    {
      title: 'Outcome',
      field: 'outcome',
      render: e => (
        <Chip
          size="small"
          label={e.outcome}
          style={{ backgroundColor: OUTCOME_COLORS[e.outcome], color: '#fff' }}
        />
      ),
    },
    {
      title: 'Summary',
      field: 'summary',
      render: e => (
        <>
          <Typography variant="body2">{e.summary}</Typography>
          <Button
            size="small"
            onClick={() => toggle(e.id)}
            aria-expanded={open.has(e.id)}
          >
            {open.has(e.id) ? 'Hide details' : 'Show details'}
          </Button>
          {open.has(e.id) && (
            <Box
              component="pre"
              aria-label={`Details of ${e.id}`}
              m={0}
              style={{
                fontFamily: 'monospace',
                fontSize: 12,
                whiteSpace: 'pre-wrap',
              }}
            >
              {JSON.stringify(e.details, null, 2)}
            </Box>
          )}
        </>
      ),
    },
  ];
  return (
    <Table<HistoryEntry>
      title={TITLE}
      options={{
        search: false,
        paging: props.items.length > 10,
        pageSize: 10,
        padding: 'dense',
      }}
      columns={columns}
      data={props.items}
    />
  );
};

const HistoryView = ({ platform, promise }: KratixPromiseRef) => {
  const api = useApi(kratixApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => api.getHistory(platform, promise),
    [api, platform, promise],
  );
  if (loading && !value) {
    return (
      <InfoCard title={TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={TITLE}>
        <KratixErrorPanel error={error} />
      </InfoCard>
    );
  }
  if (!value || value.items.length === 0) {
    return (
      <InfoCard title={TITLE}>
        <EmptyState
          missing="data"
          title="No changes yet"
          description={`Nobody has updated Promise ${promise} or cleaned up its WorkPlacements through Backstage.`}
        />
      </InfoCard>
    );
  }
  const items = [...value.items].sort((a, b) => b.at.localeCompare(a.at));
  return <HistoryTable items={items} />;
};

/**
 * Entity card of a Kratix Promise: the changes made through Backstage (updates, cleanups), newest
 * first, with their details.
 *
 * @public
 */
export const EntityKratixHistoryCard = () => (
  <KratixPromiseScope>{ref => <HistoryView {...ref} />}</KratixPromiseScope>
);
