import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type { ReactElement, ReactNode } from 'react';
import { KratixErrorPanel } from './KratixErrorPanel';
import { LiveStatus } from './LiveStatus';

/** What a polled read holds: its value, its state and when it last answered. */
export interface PolledRead<T> {
  value?: T;
  loading: boolean;
  error?: Error;
  updatedAt?: number;
  refresh: () => void;
}

/** "Updated N s ago" and the refresh button, right-aligned above a table. */
export const LiveStatusBar = (props: {
  read: Pick<PolledRead<unknown>, 'updatedAt' | 'loading' | 'refresh'>;
}) => (
  <Box display="flex" justifyContent="flex-end" mb={1}>
    <LiveStatus
      updatedAt={props.read.updatedAt}
      loading={props.read.loading}
      onRefresh={props.read.refresh}
    />
  </Box>
);

/**
 * The loading, error and empty states of a polled read in an InfoCard titled `title`; once there
 * is something to show, the live status bar and `children(value)`.
 */
export function ReadStateCard<T>(props: {
  title: string;
  read: PolledRead<T>;
  isEmpty: (value: T) => boolean;
  empty: { title: string; description: string };
  children: (value: T) => ReactNode;
}): ReactElement {
  const { title, read, isEmpty, empty, children } = props;
  const status = (
    <LiveStatus
      updatedAt={read.updatedAt}
      loading={read.loading}
      onRefresh={read.refresh}
    />
  );
  if (read.loading && read.value === undefined && !read.error) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (read.error) {
    return (
      <InfoCard title={title} action={status}>
        <KratixErrorPanel error={read.error} />
      </InfoCard>
    );
  }
  if (read.value === undefined || isEmpty(read.value)) {
    return (
      <InfoCard title={title} action={status}>
        <EmptyState
          missing="data"
          title={empty.title}
          description={empty.description}
        />
      </InfoCard>
    );
  }
  return (
    <>
      <LiveStatusBar read={read} />
      {children(read.value)}
    </>
  );
}
