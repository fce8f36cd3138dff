export interface BadgeProps {
  text: string;
  tone?: 'neutral' | 'warning';
}

export function Badge({ text, tone = 'neutral' }: BadgeProps) {
  return { type: 'span', props: { className: `badge badge-${tone}`, children: text } };
}
