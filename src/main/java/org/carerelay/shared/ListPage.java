package org.carerelay.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list, as every list endpoint returns it: {@code {"items", "page", "size", "total"}}. */
public record ListPage<T>(List<T> items, int page, int size, long total) {

    public <R> ListPage<R> map(Function<? super T, ? extends R> mapper) {
        return new ListPage<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
