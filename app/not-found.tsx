import Link from 'next/link';
import { EmbedNotFound } from '@/components/embed/embed-not-found';

export default function NotFound() {
  return (
    <section className="not-found">
      <h1>No lesson here</h1>
      <p>This address does not match any lesson of the course. It may have moved, or it may not be written yet.</p>
      <EmbedNotFound />
      <p>
        <Link href="/">Back to the course map</Link>
      </p>
    </section>
  );
}
