/**
 * Reads a newline-delimited JSON body, calling `onLine` for each parsed line as soon as it has
 * arrived. Uses the body stream when there is one, else reads the whole text.
 */
export async function readNdjson(
  res: Response,
  onLine: (value: unknown) => void,
): Promise<void> {
  const emit = (line: string) => {
    const trimmed = line.trim();
    if (trimmed) onLine(JSON.parse(trimmed));
  };

  if (!res.body || typeof res.body.getReader !== 'function') {
    (await res.text()).split('\n').forEach(emit);
    return;
  }

  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        emit(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
    }
    buffer += decoder.decode();
    emit(buffer);
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
}
