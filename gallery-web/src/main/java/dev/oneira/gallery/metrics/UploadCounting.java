package dev.oneira.gallery.metrics;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Counts each call of a {@link CountedUpload} method as accepted, or as refused with its reason. */
@CountedUpload
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class UploadCounting {

    @Inject
    GalleryMetrics metrics;

    @AroundInvoke
    Object count(InvocationContext call) throws Exception {
        Object result;
        try {
            result = call.proceed();
        } catch (RuntimeException e) {
            metrics.refused(e);
            throw e;
        }
        metrics.accepted();
        return result;
    }
}
