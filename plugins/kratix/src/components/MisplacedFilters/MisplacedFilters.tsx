import { useId } from 'react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { MisplacedQuery } from '../../api';

/** The filters of a misplaced list the user can set (paging is separate). */
export type MisplacedFilterValues = Pick<
  MisplacedQuery,
  | 'promise'
  | 'destination'
  | 'kind'
  | 'stillMatches'
  | 'destinationExists'
  | 'label'
  | 'search'
> & { sort: 'age' | 'name' };

export const DEFAULT_MISPLACED_FILTERS: MisplacedFilterValues = { sort: 'age' };

type Option = [string, string];
const ANY = '';

const boolValue = (v: boolean | undefined) =>
  v === undefined ? ANY : String(v);
const toBool = (v: string) => (v === ANY ? undefined : v === 'true');

const Select = (props: {
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
}) => (
  <TextField
    select
    size="small"
    variant="outlined"
    label={props.label}
    value={props.value}
    onChange={e => props.onChange(e.target.value as string)}
    style={{ minWidth: Math.max(150, props.label.length * 8 + 60) }}
    SelectProps={{ SelectDisplayProps: { 'aria-label': props.label } as any }}
  >
    {props.options.map(([value, text]) => (
      <MenuItem key={value} value={value}>
        {text}
      </MenuItem>
    ))}
  </TextField>
);

/** Filter and sort controls of the misplaced WorkPlacement table. */
export const MisplacedFilters = (props: {
  value: MisplacedFilterValues;
  /** The search text as typed (applied by the parent, possibly debounced). */
  searchText: string;
  onSearchTextChange: (text: string) => void;
  onChange: (value: MisplacedFilterValues) => void;
  /** Offer a Promise filter with these names (cross-Promise list). */
  promises?: string[];
}) => {
  const { value, onChange, promises } = props;
  const searchId = useId();
  const set = (patch: Partial<MisplacedFilterValues>) =>
    onChange({ ...value, ...patch });
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 12 }}
      mb={2}
    >
      <TextField
        id={searchId}
        size="small"
        variant="outlined"
        label="Search"
        placeholder="WorkPlacement, Work, resource, Destination"
        value={props.searchText}
        onChange={e => props.onSearchTextChange(e.target.value)}
        style={{ minWidth: 260 }}
      />
      {promises && (
        <Select
          label="Promise"
          value={value.promise ?? ANY}
          options={[
            [ANY, 'All Promises'],
            ...promises.map(p => [p, p] as Option),
          ]}
          onChange={v => set({ promise: v || undefined })}
        />
      )}
      <Select
        label="Kind"
        value={value.kind ?? ANY}
        options={[
          [ANY, 'Any'],
          ['dependency', 'dependency'],
          ['resource', 'resource'],
        ]}
        onChange={v =>
          set({ kind: (v || undefined) as MisplacedFilterValues['kind'] })
        }
      />
      <Select
        label="Destination still matches"
        value={boolValue(value.stillMatches)}
        options={[
          [ANY, 'Any'],
          ['true', 'yes'],
          ['false', 'no'],
        ]}
        onChange={v => set({ stillMatches: toBool(v) })}
      />
      <Select
        label="Destination exists"
        value={boolValue(value.destinationExists)}
        options={[
          [ANY, 'Any'],
          ['true', 'yes'],
          ['false', 'no'],
        ]}
        onChange={v => set({ destinationExists: toBool(v) })}
      />
      <Select
        label="Label"
        value={value.label ?? ANY}
        options={[
          [ANY, 'Any'],
          ['current', 'kratix.io/misplaced'],
          ['legacy', 'kratix.io/misscheduled (legacy)'],
        ]}
        onChange={v =>
          set({ label: (v || undefined) as MisplacedFilterValues['label'] })
        }
      />
      <Select
        label="Sort by"
        value={value.sort}
        options={[
          ['age', 'misplaced longest first'],
          ['name', 'name'],
        ]}
        onChange={v => set({ sort: v as MisplacedFilterValues['sort'] })}
      />
    </Box>
  );
};
