import { redirect } from 'next/navigation';

/**
 * /lab has one lab today, so the address a reader guesses opens it (a 307 from `npm start`; in the
 * static export the page redirects as it loads) instead of the 404 page.
 */
export default function LabIndexPage() {
  redirect('/lab/dllm');
}
