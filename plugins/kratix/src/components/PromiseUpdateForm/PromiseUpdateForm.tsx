import { useEffect, useId, useRef, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  PromiseSummary,
  PromiseUpdateResponse,
  kratixPromiseUpdatePermission,
  promiseResourceRef,
} from '@kratix-backstage/plugin-kratix-common';
import { kratixApiRef } from '../../api';
import type { PromisePreviewResponse } from '../../api';
import { DiffView } from '../DiffView';
import {
  SelectorEditor,
  parseSelectorEntries,
  rowsFromSelectors,
  selectorsFromRows,
  validateRows,
} from '../SelectorEditor';
import {
  SpecYamlEditor,
  parseSpecYaml,
  stringifySpec,
} from '../SpecYamlEditor';
import { WhatIfPicture } from '../WhatIfPicture';
import { WhatIfPreview } from '../WhatIfPreview';
import { errorMessage } from '../shared';
import { ConfirmApplyDialog } from './ConfirmApplyDialog';
import { UpdateFailure } from './UpdateFailure';

export const YAML_SPEC_HELP =
  'The whole Promise spec as stored in the cluster. Apply replaces the spec with this text.';
export const YAML_PATCH_HELP =
  'A JSON merge patch (RFC 7386) of the Promise spec: keys left out stay as they are, null removes a key, a list replaces the whole list.';

/** What is sent: the whole spec (YAML editor on the manifest) or a merge patch. */
type SpecChange =
  | { spec: Record<string, unknown>; specPatch?: undefined }
  | { specPatch: Record<string, unknown>; spec?: undefined };

type Mode = 'form' | 'yaml';

/**
 * Edits a Promise's destinationSelectors (rows), or its whole spec as YAML (a merge patch when
 * the spec could not be read), previews the change with a server-side dry run and the what-if
 * endpoint, and applies it with the resourceVersion and generation it was loaded at.
 */
export const PromiseUpdateForm = (props: {
  platform: string;
  promise: PromiseSummary;
  /** The whole current spec (from the manifest endpoint); without it YAML is a merge patch. */
  spec?: Record<string, unknown>;
  /** Why the whole spec could not be read. */
  specError?: Error;
  onApplied: (result: PromiseUpdateResponse) => void;
  onReload: () => void;
}) => {
  const { platform, promise, spec, onApplied, onReload } = props;
  const api = useApi(kratixApiRef);
  const permission = usePermission({
    permission: kratixPromiseUpdatePermission,
    resourceRef: promiseResourceRef(platform, promise.name),
  });
  const entries = promise.selectors.entries;
  const [mode, setMode] = useState<Mode>('form');
  const [rows, setRows] = useState(() => rowsFromSelectors(entries));
  const [yamlText, setYamlText] = useState(() =>
    stringifySpec(spec ?? { destinationSelectors: entries }),
  );
  const [modeError, setModeError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [dryRun, setDryRun] = useState<PromiseUpdateResponse>();
  const [whatIf, setWhatIf] = useState<{
    value?: PromisePreviewResponse;
    error?: Error;
  }>();
  const [failure, setFailure] = useState<Error>();
  const [confirming, setConfirming] = useState(false);
  const reasonId = useId();
  // What was loaded, to tell whether the edit changes anything.
  const [initial] = useState(() => ({
    selectors: JSON.stringify(selectorsFromRows(rowsFromSelectors(entries))),
    yaml: JSON.stringify(
      (p => ('value' in p ? p.value : undefined))(parseSpecYaml(yamlText)),
    ),
  }));

  const previewRun = useRef(0);
  useEffect(() => {
    // An edit makes the last preview meaningless.
    previewRun.current += 1;
    setDryRun(undefined);
    setWhatIf(undefined);
  }, [mode, rows, yamlText]);

  const parsed = mode === 'yaml' ? parseSpecYaml(yamlText) : undefined;
  let problems: string[] = [];
  let change: SpecChange | undefined;
  if (parsed) {
    // A YAML error is shown by the editor itself.
    if ('value' in parsed) {
      change = spec ? { spec: parsed.value } : { specPatch: parsed.value };
    }
  } else {
    problems = validateRows(rows);
    if (!problems.length) {
      change = { specPatch: { destinationSelectors: selectorsFromRows(rows) } };
    }
  }
  const yamlError = parsed && 'error' in parsed ? parsed.error : undefined;
  let unchanged = false;
  if (parsed && 'value' in parsed) {
    unchanged = JSON.stringify(parsed.value) === initial.yaml;
  } else if (!parsed && change) {
    unchanged =
      JSON.stringify(change.specPatch?.destinationSelectors) ===
      initial.selectors;
  }

  const switchMode = (next: Mode) => {
    if (next === mode) return;
    if (next === 'yaml') {
      const current = parseSpecYaml(yamlText);
      const base = { ...('value' in current ? current.value : spec ?? {}) };
      const selectors = selectorsFromRows(rows);
      if (selectors.length || 'destinationSelectors' in base) {
        base.destinationSelectors = selectors;
      }
      setYamlText(stringifySpec(base));
    } else {
      const p = parseSpecYaml(yamlText);
      if ('error' in p) {
        setModeError(`Fix the YAML first: ${p.error}`);
        return;
      }
      const s = parseSelectorEntries(p.value.destinationSelectors);
      if ('error' in s) {
        setModeError(s.error);
        return;
      }
      setRows(rowsFromSelectors(s.entries));
    }
    setModeError(undefined);
    setMode(next);
  };

  const preview = async () => {
    if (!change) return;
    const run = ++previewRun.current;
    setBusy(true);
    setFailure(undefined);
    // The what-if answer may come later than the dry run (or fail on its own).
    api.previewPromise(platform, promise.name, change).then(
      value => run === previewRun.current && setWhatIf({ value }),
      error => run === previewRun.current && setWhatIf({ error }),
    );
    try {
      const result = await api.updatePromise(platform, promise.name, {
        resourceVersion: promise.resourceVersion,
        generation: promise.generation,
        ...change,
        dryRun: true,
      });
      if (run === previewRun.current) setDryRun(result);
    } catch (e) {
      if (run === previewRun.current) setFailure(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!change) return;
    setConfirming(false);
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await api.updatePromise(platform, promise.name, {
        resourceVersion: promise.resourceVersion,
        generation: promise.generation,
        ...change,
      });
      onApplied(result);
    } catch (e) {
      setFailure(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const invalid = !change;
  let applyReason: string | undefined;
  if (permission.loading) applyReason = 'Checking your permission…';
  else if (!permission.allowed) {
    applyReason = `You are not allowed to update Promise ${promise.name} (permission kratix.promise.update)`;
  } else if (invalid) applyReason = 'Fix the problems above first';
  else if (unchanged) {
    applyReason = 'Nothing changed yet: edit the selectors (or the YAML) first';
  } else if (!dryRun) applyReason = 'Preview this change first';
  else if (!dryRun.changed) {
    applyReason = 'The dry run shows that this edit changes nothing';
  }

  return (
    <InfoCard
      title={`Update Promise ${promise.name}`}
      subheader="Change where Kratix schedules this Promise: edit, preview what it does, then apply."
    >
      <Tabs
        value={mode}
        onChange={(_e, v) => switchMode(v)}
        indicatorColor="primary"
      >
        <Tab value="form" label="Destination selectors" />
        <Tab value="yaml" label="YAML (advanced)" />
      </Tabs>
      <Box mt={2}>
        {modeError && (
          <Typography color="error" variant="body2" gutterBottom>
            {modeError}
          </Typography>
        )}
        {mode === 'form' ? (
          <SelectorEditor value={rows} onChange={setRows} disabled={busy} />
        ) : (
          <SpecYamlEditor
            value={yamlText}
            onChange={setYamlText}
            error={yamlError}
            helperText={
              spec
                ? YAML_SPEC_HELP
                : `${YAML_PATCH_HELP}${
                    props.specError
                      ? ` (The whole spec could not be read: ${errorMessage(
                          props.specError,
                        )}.)`
                      : ''
                  }`
            }
            disabled={busy}
          />
        )}
        {problems.map(p => (
          <Typography key={p} color="error" variant="body2">
            {p}
          </Typography>
        ))}
      </Box>
      <Box display="flex" mt={2} style={{ gap: 12 }}>
        <Button variant="outlined" disabled={invalid || busy} onClick={preview}>
          Preview
        </Button>
        <Button
          variant="contained"
          color="primary"
          disabled={Boolean(applyReason) || busy}
          onClick={() => setConfirming(true)}
          aria-describedby={applyReason ? reasonId : undefined}
        >
          Apply
        </Button>
        {applyReason && (
          <Typography
            id={reasonId}
            variant="body2"
            color="textSecondary"
            style={{ alignSelf: 'center' }}
          >
            {applyReason}
          </Typography>
        )}
      </Box>
      {confirming && dryRun && (
        <ConfirmApplyDialog
          promise={promise.name}
          dryRun={dryRun}
          whatIf={whatIf}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={apply}
        />
      )}
      {failure && (
        <Box mt={2}>
          <UpdateFailure error={failure} onReload={onReload} />
        </Box>
      )}
      {dryRun && (
        <Box mt={2}>
          <Typography variant="subtitle2" gutterBottom>
            {`Dry run: ${
              dryRun.changed ? 'the spec changes' : 'nothing changes'
            }. ${dryRun.effects.message}`}
          </Typography>
          <DiffView diff={dryRun.diff} />
        </Box>
      )}
      {whatIf && (
        <Box mt={2}>
          <WhatIfPreview value={whatIf.value} error={whatIf.error} />
        </Box>
      )}
      {whatIf?.value && (
        <Box mt={2}>
          <WhatIfPicture
            platform={platform}
            promise={promise.name}
            whatIf={whatIf.value}
          />
        </Box>
      )}
    </InfoCard>
  );
};
