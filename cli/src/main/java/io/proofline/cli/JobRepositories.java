package io.proofline.cli;

import javax.sql.DataSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** Spring Batch's JDBC job repository over the prover's database, as the prover configures it (defaults, PostgreSQL). */
final class JobRepositories {

    private JobRepositories() {
    }

    static JobRepository open(DataSource dataSource) {
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(new JdbcTransactionManager(dataSource));
        factory.setDatabaseType("POSTGRES");
        try {
            factory.afterPropertiesSet();
            return factory.getObject();
        } catch (Exception e) {
            throw new CliFailure(ExitCodes.DATABASE, "cannot open Spring Batch's job repository: " + e.getMessage());
        }
    }
}
