package org.srplatform.store.internal.db;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(pid = "org.srplatform.store", name = "SR store",
        description = "Where the store keeps its data: the database (embedded Derby, or PostgreSQL) and its files.")
public @interface StoreConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "Empty: embedded Derby in the data folder (jdbc:derby:<data folder>/db;create=true); an"
                    + " embedded Derby URL (jdbc:derby:...); or PostgreSQL, jdbc:postgresql://host:port/database, which"
                    + " several platform nodes may share")
    String jdbc_url() default "";

    @AttributeDefinition(name = "Database user", required = false, description = "PostgreSQL: the user to sign in as")
    String jdbc_user() default "";

    @AttributeDefinition(name = "Database password", type = AttributeType.PASSWORD, required = false,
            description = "PostgreSQL: its password. Never logged; keep the file readable by the platform's user only")
    String jdbc_password() default "";

    @AttributeDefinition(name = "Connections", description = "PostgreSQL: connections this node keeps open at most")
    int pool_size() default 16;

    @AttributeDefinition(name = "Network time-out",
            description = "PostgreSQL: seconds a statement may wait for the server's next bytes before its connection is"
                    + " given up (the driver's socketTimeout; 0 = wait for ever). Without it, a network that drops"
                    + " packets without resetting the connection holds requests and pooled connections for hours."
                    + " A socketTimeout in jdbc.url wins")
    int socket_timeout_seconds() default 300;

    @AttributeDefinition(name = "Data folder",
            description = "Empty: data.dir of org.srplatform.platform, or ./data when that is not set")
    String data_dir() default "";

    @AttributeDefinition(name = "Page cache",
            description = "Database pages Derby keeps in memory (4 KiB index pages, up to 32 KiB table pages)."
                    + " Derby's own default of 1000 made intake twice as costly at 100,000 stored SRs: the pages"
                    + " every new SR touches no longer fitted. Read when the database starts.")
    int page_cache_pages() default DerbyDatabase.DEFAULT_PAGE_CACHE_PAGES;
}
