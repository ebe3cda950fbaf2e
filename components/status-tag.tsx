const TONES = {
  green: 'bg-[#cce5d8] text-[#00401e] border-[#00401e]',
  blue: 'bg-[#d2e2f1] text-[#002f5c] border-[#002f5c]',
  grey: 'bg-nhs-grey-5 text-nhs-black border-nhs-grey-1',
  red: 'bg-[#f7d4d1] text-[#6b140e] border-[#6b140e]',
  yellow: 'bg-[#fff9c4] text-[#594d00] border-[#594d00]',
} as const;

export function StatusTag({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return <strong className={`inline-block border px-2 py-0.5 text-sm font-bold max-w-full sm:whitespace-nowrap ${TONES[tone]}`}>{children}</strong>;
}

export function apprenticeshipTone(status: string): keyof typeof TONES {
  return status === 'active' ? 'green' : status === 'completed' ? 'blue' : status === 'withdrawn' ? 'red' : 'yellow';
}
