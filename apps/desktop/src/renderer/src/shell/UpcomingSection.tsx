import type { Section } from './sections.ts';

/** An honest placeholder for a section whose data comes with the booking engine. */
export function UpcomingSection({ section }: { section: Section }) {
  return (
    <section className="panel upcoming" aria-labelledby="section-title">
      <h1 id="section-title">{section.label}</h1>
      <p className="upcoming-note">Arrives with the booking engine.</p>
      <p className="muted">{section.purpose}</p>
    </section>
  );
}
