import { useEffect, useRef, useState } from 'react';
import { TextField } from './form-fields.js';

const DELAY_MS = 300;

/** A search box that reports its text once typing pauses, not one request per keystroke. */
export function SearchField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => latest.current(text), DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return <TextField label={label} type="search" value={text} onChange={setText} />;
}
