/** How each KSB state looks: by colour and by a mark, so that colour is not the only signal. */
export const KSB_STATE = {
  met: { label: 'Met', mark: '✓', cls: 'bg-nhs-green text-white border-nhs-green' },
  submitted: { label: 'Submitted, awaiting a decision', mark: '◐', cls: 'bg-[#d2e2f1] text-[#002f5c] border-[#002f5c]' },
  practised: { label: 'Practised', mark: '•', cls: 'bg-[#fff9c4] text-[#594d00] border-[#594d00]' },
  not_started: { label: 'Not started', mark: '', cls: 'bg-white text-nhs-black border-nhs-grey-1' },
} as const;
