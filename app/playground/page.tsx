import type { Metadata } from 'next';
import { Playground } from '@/components/notebook/playground';

export const metadata: Metadata = {
  title: 'Playground',
  description: 'A notebook in your browser: TypeScript cells with TensorFlow.js and Marble’s own library, saved locally and shareable by link.',
};

export default function PlaygroundPage() {
  return (
    <div className="playground-page">
      <h1 className="visually-hidden">Playground</h1>
      <Playground />
    </div>
  );
}
