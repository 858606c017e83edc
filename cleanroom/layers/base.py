"""What a layer is: a stateless object with a stable id that measures and decides."""

from __future__ import annotations

from typing import ClassVar

from ..page import Page


class Layer:
    """Base class of the layers.

    A layer keeps no state between documents: everything it learns about a document lives on
    the :class:`~cleanroom.page.Page` it is given. ``id`` is stable across releases;
    ``version`` changes when the layer's behaviour does.
    """

    id: ClassVar[str] = ""
    version: ClassVar[int] = 1
    description: ClassVar[str] = ""

    def apply(self, page: Page) -> None:
        raise NotImplementedError

    @property
    def versioned_id(self) -> str:
        return f"{self.id}/v{self.version}"

    def __repr__(self) -> str:
        return f"<layer {self.versioned_id}>"
