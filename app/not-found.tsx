import Link from 'next/link';
import { EmbedNotFound } from '@/components/embed/embed-not-found';

export default function NotFound() {
  return (
    <section className="not-found">
      <h1>Nothing at this address</h1>
      <p>This address does not match a lesson, the lab or the playground. It may have moved, or it may not be written yet.</p>
      <EmbedNotFound />
      <p>
        <Link href="/">Back to the course map</Link> · <Link href="/lab/dllm">the dLLM lab</Link> ·{' '}
        <Link href="/playground">the playground</Link>
      </p>
    </section>
  );
}
