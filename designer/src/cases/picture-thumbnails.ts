import { downloadFile } from '../api/binary.js';
import { problemLines } from '../api/problem-lines.js';
import { h } from '../app/dom.js';
import { notify } from '../app/notify.js';
import { t } from '../i18n/index.js';

export interface PictureRef {
  id: string;
  name: string;
  contentType: string;
}

/**
 * A case's pictures as thumbnails that open the stored attachment full size in a new tab. An <img> cannot send
 * the viewer's token, so each picture is read through the API (recorded like any download) and shown from an
 * object URL; `release` frees them when the page goes. A file that is no picture (a PDF) is a link that opens it.
 */
export function pictureThumbnails(pictures: readonly PictureRef[], options: { id: string; release: (free: () => void) => void }): HTMLElement {
  const urls: string[] = [];
  options.release(() => urls.forEach((url) => URL.revokeObjectURL(url)));
  const load = async (picture: PictureRef): Promise<string> => {
    const url = URL.createObjectURL(await downloadFile(`/attachments/${encodeURIComponent(picture.id)}`));
    urls.push(url);
    return url;
  };
  return h('div', { class: 'picture-thumbnails', id: options.id }, pictures.map((picture) => (picture.contentType.startsWith('image/') ? thumbnail(picture, load) : fileLink(picture, load))));
}

function thumbnail(picture: PictureRef, load: (picture: PictureRef) => Promise<string>): HTMLElement {
  const image = h('img', { alt: picture.name });
  const link = h('a', { class: 'picture-thumbnail', 'data-attachment': picture.id, title: t('{name} (opens full size)', { name: picture.name }), target: '_blank', rel: 'noopener' }, image);
  load(picture)
    .then((url) => {
      link.href = url;
      image.src = url;
      link.dataset.loaded = 'true';
    })
    .catch((error: unknown) => {
      link.classList.add('picture-failed');
      link.replaceChildren(h('span', {}, picture.name), h('span', { class: 'error-text' }, problemLines(error).join('；')));
    });
  return link;
}

function fileLink(picture: PictureRef, load: (picture: PictureRef) => Promise<string>): HTMLElement {
  const open = async () => {
    try {
      window.open(await load(picture), '_blank', 'noopener');
    } catch (error) {
      notify(problemLines(error).join('；'), 'error');
    }
  };
  return h('button', { type: 'button', class: 'link-button picture-file', 'data-attachment': picture.id, onclick: () => void open() }, picture.name);
}
