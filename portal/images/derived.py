"""Whatever is made from an uploaded file goes when the file goes.

django-cleanup deletes a file once the transaction that deleted or replaced it has
committed, and then sends ``cleanup_post_delete``: the hook it offers for exactly
this (its documentation's example deletes thumbnails). Connected once in
PortalConfig.ready(), it catches every path by which a file goes: an image deleted
one by one or in bulk, a file replaced or cleared in any form, a post deleted.

- An image's renditions under CACHE/ would otherwise stay public for ever.
- A deleted publication takes the library image made as its PDF's cover. (A PDF
  replaced or cleared in the form replaces or drops its cover as it happens,
  portal/images/covers.py: by the time this runs the post holds the new cover.)
"""

from portal.images.renditions import delete_renditions


def delete_derived_files(
    *, file_name: str, instance, deleted: bool, success: bool = True, **kwargs
) -> None:
    from django.db.models import Q

    from portal.models import Image, Post

    if not success:
        # The original is still there (django-cleanup logged why): so are its copies.
        return
    delete_renditions(file_name)
    if deleted and isinstance(instance, Post) and instance.cover_image_id:
        cover = instance.cover_image_id
        # Only while no post still shows it: a restore with --replace deletes the
        # old rows and writes the archive's, whose cover keeps the same key.
        in_use = Post.objects.filter(Q(cover_image=cover) | Q(lead_image=cover))
        if not in_use.exists():
            # Its own file and renditions follow through this function again.
            Image.objects.filter(pk=cover).delete()
