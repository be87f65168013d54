import { type DragEvent, useId, useState } from 'react';

interface Props {
  file: File | null;
  onFile: (file: File) => void;
  accept?: string;
  disabled?: boolean;
}

/** A file picker that also accepts a dropped file. */
export function DropZone({ file, onFile, accept, disabled = false }: Props) {
  const inputId = useId();
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };

  return (
    <div
      className={`drop-zone${over ? ' drop-zone-over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      <input
        id={inputId}
        type="file"
        accept={accept}
        disabled={disabled}
        className="visually-hidden"
        onChange={(event) => {
          const picked = event.target.files?.[0];
          if (picked) onFile(picked);
          event.target.value = '';
        }}
      />
      <label htmlFor={inputId} className="drop-zone-label">
        {file ? (
          <>
            <strong>{file.name}</strong> <span className="muted">({formatBytes(file.size)})</span>
            <span className="muted"> · choose another file or drop it here</span>
          </>
        ) : (
          <>
            <strong>Choose a file</strong> or drop it here
          </>
        )}
      </label>
    </div>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
