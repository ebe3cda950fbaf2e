// The fields of a GET filter form (lists of cases, evidence and the like): labelled, keyboard-plain, no JavaScript.
const fieldClass = 'mt-1 block w-full border-2 border-nhs-black bg-white px-3 py-2';

export function FilterSelect({ id, name, label, value, anyLabel = 'Any', options }: { id: string; name: string; label: string; value?: string; anyLabel?: string; options: Record<string, string> }) {
  return (
    <div>
      <label htmlFor={id} className="block font-bold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={fieldClass}>
        <option value="">{anyLabel}</option>
        {Object.entries(options).map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterText({ id, name, label, value, placeholder }: { id: string; name: string; label: string; value?: string; placeholder?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block font-bold">
        {label}
      </label>
      <input id={id} name={name} defaultValue={value ?? ''} placeholder={placeholder} className={fieldClass} />
    </div>
  );
}

export function FilterButton() {
  return (
    <button type="submit" className="bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
      Filter
    </button>
  );
}
