import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EmbedFrame } from '@/components/embed/embed-frame';
import { EMBEDS, EMBED_IDS, isEmbedId } from '@/lib/content/embeds';
import { listLessons } from '@/lib/content/lessons.server';

// Every embeddable widget is pre-rendered; any other id gets the 404 page, which lists them.
export const dynamicParams = false;

export function generateStaticParams() {
  return EMBED_IDS.map((widget) => ({ widget }));
}

type Props = { params: Promise<{ widget: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { widget } = await params;
  return isEmbedId(widget) ? { title: EMBEDS[widget].title } : {};
}

/** One widget, no site chrome, settings from the address: for an iframe on another page. */
export default async function EmbedPage({ params }: Props) {
  const { widget } = await params;
  if (!isEmbedId(widget)) notFound();
  const lesson = (await listLessons()).find((l) => l.slug === EMBEDS[widget].lesson);
  return <EmbedFrame id={widget} lessonTitle={lesson?.title ?? EMBEDS[widget].lesson} />;
}
