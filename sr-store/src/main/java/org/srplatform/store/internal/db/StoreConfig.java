package org.srplatform.store.internal.db;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(pid = "org.srplatform.store", name = "SR store",
        description = "Where the store keeps its data: the embedded Derby database and its files.")
public @interface StoreConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "An embedded Derby URL (jdbc:derby:...). Empty: jdbc:derby:<data folder>/db;create=true")
    String jdbc_url() default "";

    @AttributeDefinition(name = "Data folder",
            description = "Empty: data.dir of org.srplatform.platform, or ./data when that is not set")
    String data_dir() default "";

    @AttributeDefinition(name = "Page cache",
            description = "Database pages Derby keeps in memory (4 KiB index pages, up to 32 KiB table pages)."
                    + " Derby's own default of 1000 made intake twice as costly at 100,000 stored SRs: the pages"
                    + " every new SR touches no longer fitted. Read when the database starts.")
    int page_cache_pages() default DerbyDatabase.DEFAULT_PAGE_CACHE_PAGES;
}
