import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { SpecYamlEditor } from './SpecYamlEditor';
import { parseSpecYaml, stringifySpec } from './specYaml';

describe('spec YAML', () => {
  it('parses mappings and reports errors', () => {
    expect(parseSpecYaml('a: 1\nb: [x]\n')).toEqual({
      value: { a: 1, b: ['x'] },
    });
    expect(parseSpecYaml('')).toEqual({ value: {} });
    expect(parseSpecYaml('- a')).toEqual({
      error: 'The spec must be a YAML mapping (key: value)',
    });
    expect(parseSpecYaml('a: [1')).toHaveProperty('error');
    expect(parseSpecYaml(stringifySpec({ x: { y: 'z' } }))).toEqual({
      value: { x: { y: 'z' } },
    });
  });
});

describe('SpecYamlEditor', () => {
  it('edits text and shows the parse error', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <SpecYamlEditor
        value="a: 1"
        onChange={onChange}
        error="bad indentation"
      />,
    );
    fireEvent.change(screen.getByLabelText('Spec YAML'), {
      target: { value: 'a: 2' },
    });
    expect(onChange).toHaveBeenCalledWith('a: 2');
    expect(screen.getByText('YAML error: bad indentation')).toBeInTheDocument();
  });
});
