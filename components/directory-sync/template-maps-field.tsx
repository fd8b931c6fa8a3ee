'use client';

import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { SelectList } from '@/components/ui/select-list';
import { useFieldError } from '@/components/sheet/property-sheet';
import { DirsyncError } from '@/lib/core/errors';
import { checkPrompt, PROMPT_MAX } from '@/lib/exchange/dxa/template-attributes';

interface Mapping {
  prompt: string;
  attribute: string;
}

/**
 * Incoming Templates (MS Mail prompt → Exchange attribute) or Outgoing Templates (attribute →
 * prompt), KB Q158694, Q228601: the list with New…, Edit and Remove; the whole list goes to the
 * form as one `maps` field (JSON) and is saved by Apply/OK. The mapping dialog checks a prompt
 * with the engine's own rule before it enters the list.
 */
export function TemplateMapsField({ direction, initial, attributes }: { direction: 'incoming' | 'outgoing'; initial: Mapping[]; attributes: string[] }) {
  const [maps, setMaps] = useState(initial);
  const [selected, setSelected] = useState(0);
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const error = useFieldError('maps');
  const promptColumn = { heading: 'MS Mail Template', width: 'minmax(10rem, 1fr)', cell: (m: Mapping) => m.prompt };
  const attributeColumn = { heading: 'Exchange Attribute', width: 'minmax(10rem, 1fr)', cell: (m: Mapping) => m.attribute };
  const label = direction === 'incoming' ? 'Incoming template mappings' : 'Outgoing template mappings';
  const current = maps[selected];
  return (
    <div className="grid gap-2">
      <p className="text-[12px]">
        {direction === 'incoming'
          ? 'MS Mail template information received through directory synchronization is stored in these Exchange attributes (with Receive template information on the dirsync object).'
          : 'These Exchange attributes are sent to MS Mail as template information (with Send local template information on the dirsync object).'}{' '}
        Include the colon in the MS Mail template (Department:).
      </p>
      <input type="hidden" name="maps" value={JSON.stringify(maps)} />
      <SelectList
        label={label}
        items={maps}
        selected={Math.min(selected, Math.max(0, maps.length - 1))}
        onSelect={setSelected}
        onOpen={(k) => setEditing({ index: k })}
        itemKey={(m) => `${m.prompt}|${m.attribute}`}
        itemLabel={(m) => (direction === 'incoming' ? `${m.prompt} to ${m.attribute}` : `${m.attribute} to ${m.prompt}`)}
        empty="No mappings."
        columns={direction === 'incoming' ? [promptColumn, attributeColumn] : [attributeColumn, promptColumn]}
      />
      {error ? <span className="text-[12px] text-red-800">{error}</span> : null}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="button min-w-20" onClick={() => setEditing({ index: null })}>
          New…
        </button>
        <button type="button" className="button min-w-20" disabled={!current} onClick={() => setEditing({ index: selected })}>
          Edit
        </button>
        <button
          type="button"
          className="button min-w-20"
          disabled={!current}
          onClick={() => {
            setMaps((m) => m.filter((_, k) => k !== selected));
            setSelected((k) => Math.max(0, k - 1));
          }}
        >
          Remove
        </button>
      </div>
      {editing ? (
        <MappingDialog
          direction={direction}
          attributes={attributes}
          initial={editing.index === null ? { prompt: '', attribute: attributes[0] } : maps[editing.index]}
          others={maps.filter((_, k) => k !== editing.index)}
          onCancel={() => setEditing(null)}
          onOk={(m) => {
            setMaps((all) => (editing.index === null ? [...all, m] : all.map((x, k) => (k === editing.index ? m : x))));
            if (editing.index === null) setSelected(maps.length);
            setEditing(null);
          }}
        />
      ) : null}
    </div>
  );
}

function MappingDialog({
  direction,
  attributes,
  initial,
  others,
  onOk,
  onCancel,
}: {
  direction: 'incoming' | 'outgoing';
  attributes: string[];
  initial: Mapping;
  others: Mapping[];
  onOk: (m: Mapping) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [prompt, setPrompt] = useState(initial.prompt);
  const [attribute, setAttribute] = useState(initial.attribute);
  const [error, setError] = useState<string | null>(null);
  const ok = () => {
    try {
      const p = checkPrompt(prompt);
      if (others.some((o) => o.prompt.toLowerCase() === p.toLowerCase())) throw new Error(`Template prompt "${p}" is in the list already: each MS Mail prompt can be mapped once`);
      if (direction === 'outgoing' && others.some((o) => o.attribute === attribute)) throw new Error(`${attribute} is in the Outgoing Templates already: an attribute is sent under one prompt`);
      onOk({ prompt: p, attribute });
    } catch (e) {
      setError(e instanceof DirsyncError || e instanceof Error ? e.message : String(e));
    }
  };
  const promptField = (
    <div className="grid gap-1" key="prompt">
      <label htmlFor={`${id}-prompt`}>MS Mail template</label>
      <input
        id={`${id}-prompt`}
        data-autofocus
        type="text"
        value={prompt}
        maxLength={PROMPT_MAX + 10}
        aria-invalid={!!error || undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            ok();
          }
        }}
        className="field"
      />
      <span id={`${id}-hint`} className="text-[12px] text-ink-muted">
        As MS Mail shows it, with the colon (Department:); at most {PROMPT_MAX} characters.
      </span>
    </div>
  );
  const attributeField = (
    <div className="grid gap-1" key="attribute">
      <label htmlFor={`${id}-attribute`}>Exchange attribute</label>
      <select id={`${id}-attribute`} value={attribute} onChange={(e) => setAttribute(e.target.value)} className="field">
        {attributes.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
    </div>
  );
  return createPortal(
    <DialogFrame title={direction === 'incoming' ? 'Incoming Template Mapping' : 'Outgoing Template Mapping'} width="max-w-md" onEscape={onCancel}>
        <div className="grid gap-3 p-3">
          {direction === 'incoming' ? [promptField, attributeField] : [attributeField, promptField]}
          {error ? (
            <p id={`${id}-error`} role="alert" className="border border-red-700 bg-red-50 px-2 py-1.5 text-red-800">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="button min-w-20" onClick={ok}>
              OK
            </button>
            <button type="button" className="button min-w-20" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
    </DialogFrame>,
    document.body,
  );
}
