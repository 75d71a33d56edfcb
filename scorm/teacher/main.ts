/**
 * The teacher page's script (inlined into dist/teacher.html by build.ts): reads the course the
 * page carries (a base64 zip of the build and the schema files, in a data block) and mounts the
 * form. Only APIs every current browser has from file:// (no Web Crypto, no fetch, no module
 * script), so the page works opened from disk in Chromium, Firefox and Safari.
 */
import { mount } from 'svelte';
import { courseBaseFrom } from '../assemble';
import { readZip, type FileMap } from '../zip';
import { BASE_ELEMENT_ID, splitBase } from './base';
import TeacherPage from './TeacherPage.svelte';

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const target = document.getElementById('teacher-app')!;
try {
  const data = document.getElementById(BASE_ELEMENT_ID)?.textContent;
  if (!data) throw new Error('the page carries no course');
  const files: FileMap = readZip(base64ToBytes(data));
  const { build, schemas } = splitBase(files);
  target.replaceChildren();
  mount(TeacherPage, { target, props: { base: courseBaseFrom(build, schemas) } });
} catch (e) {
  target.textContent = `This page could not read the course it carries (${(e as Error).message}). Download teacher.html again.`;
}
