import { ReactNode } from 'react';
import { Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  KRATIX_PROMISE_NAME_ANNOTATION,
  getKratixPlatformName,
  getKratixPromiseName,
} from '@kratix-backstage/plugin-kratix-common';
import { usePlatformName } from '../../hooks/usePlatformName';
import { KratixErrorPanel } from '../shared';

/** The Promise an entity stands for and the platform it lives on. */
export interface KratixPromiseRef {
  platform: string;
  promise: string;
}

/**
 * Resolves the current entity's Promise and platform and renders `children` with them; shows a
 * missing-annotation hint, progress or the error otherwise.
 */
export const KratixPromiseScope = (props: {
  children: (ref: KratixPromiseRef) => ReactNode;
}) => {
  const { entity } = useEntity();
  const promise = getKratixPromiseName(entity);
  const { platform, loading, error } = usePlatformName(
    getKratixPlatformName(entity),
  );
  if (!promise) {
    return (
      <MissingAnnotationEmptyState
        annotation={KRATIX_PROMISE_NAME_ANNOTATION}
      />
    );
  }
  if (error) return <KratixErrorPanel error={error} />;
  if (loading || !platform) return <Progress />;
  return <>{props.children({ platform, promise })}</>;
};
